/// Numbers as people read them in this program's messages.
public enum NumberText {
    /// `211,835`: thousands grouped the same on every machine (no locale: the pure core and scripts agree).
    public static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (k, c) in digits.enumerated() {
            if k > 0, (digits.count - k) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }
}
