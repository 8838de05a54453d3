import TerminalScreen

/// How keys are written for people: in help, the footer, and (later) a keymap file.
public enum KeyName {
    /// `^S`, `F5`, `Enter`, `↑`, `Space`, `q`.
    public static func label(_ key: Key) -> String {
        switch key {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .ctrl(let c): return "^" + String(c).uppercased()
        case .alt(let c): return "M-" + String(c)
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .enter: return "Enter"
        case .tab: return "Tab"
        case .backTab: return "S-Tab"
        case .backspace: return "Bksp"
        case .delete: return "Del"
        case .insert: return "Ins"
        case .escape: return "Esc"
        case .function(let n): return "F\(n)"
        case .ctrlLeft: return "^←"
        case .ctrlRight: return "^→"
        }
    }

    /// Several keys as one label: `^S/F5`.
    public static func label(_ keys: [Key]) -> String { keys.map(label).joined(separator: "/") }

    /// A key as a keymap file names it: `ctrl-s` (also `c-s`, `^s`), `alt-x` (`m-x`), `f1`…`f12`, `enter`,
    /// `esc`, `tab`, `shift-tab`, `pgup`, `up`, `space`, … or one printable character (`q`, `?`, `G`).
    /// Names ignore case, but a single character keeps it: `G` and `g` are different keys.
    public static func parse(_ text: String) -> Key? {
        let raw = text
        // A lone character first, before lower-casing, so `G` stays `G`.
        if raw.count == 1, let c = raw.first, isPrintable(c) { return .char(c) }
        let name = raw.lowercased()
        if let key = named[name] { return key }
        let digits = name.dropFirst()
        if name.hasPrefix("f"), digits.allSatisfy({ $0.isASCII && $0.isNumber }), !digits.hasPrefix("0"), let n = Int(digits), (1...12).contains(n) {
            return .function(n)
        }
        for prefix in ["ctrl-", "ctrl+", "c-", "^"] where name.hasPrefix(prefix) {
            // Control keys arrive lower-cased (`.ctrl("s")`); only letters and a few symbols exist as bytes.
            let rest = String(name.dropFirst(prefix.count))
            if rest == "left" { return .ctrlLeft }
            if rest == "right" { return .ctrlRight }
            if rest == "space" { return .ctrl(" ") }
            guard rest.count == 1, let c = rest.first, c.isASCII, c.isLetter || "\\]^_".contains(c) else { return nil }
            return .ctrl(c)
        }
        for prefix in ["alt-", "alt+", "m-", "meta-"] where name.hasPrefix(prefix) {
            // The character after Alt keeps its case: Alt-X and Alt-x are different keys.
            let rest = String(raw.dropFirst(prefix.count))
            if rest.lowercased() == "backspace" { return .alt("\u{7F}") }
            if rest.lowercased() == "space" { return .alt(" ") }
            guard rest.count == 1, let c = rest.first, isPrintable(c) else { return nil }
            return .alt(c)
        }
        return nil
    }

    private static let named: [String: Key] = [
        "enter": .enter, "return": .enter, "esc": .escape, "escape": .escape, "tab": .tab,
        "shift-tab": .backTab, "s-tab": .backTab, "backtab": .backTab, "backspace": .backspace, "bksp": .backspace,
        "delete": .delete, "del": .delete, "insert": .insert, "ins": .insert, "home": .home, "end": .end,
        "pgup": .pageUp, "page-up": .pageUp, "pageup": .pageUp, "pgdn": .pageDown, "page-down": .pageDown, "pagedown": .pageDown,
        "up": .up, "down": .down, "left": .left, "right": .right, "ctrl-left": .ctrlLeft, "ctrl-right": .ctrlRight,
        "space": .char(" "),
    ]

    private static func isPrintable(_ c: Character) -> Bool {
        c.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F && !(0x80..<0xA0).contains($0.value) }
    }
}
