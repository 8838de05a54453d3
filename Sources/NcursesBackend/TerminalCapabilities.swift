import CNcurses
import CTerminalHygiene

/// Escape sequences read from terminfo for what ncurses does not manage itself (bracketed paste)
/// and for restoring the terminal from a signal handler, where `endwin` may not be called.
struct TerminalCapabilities {
    /// Turns bracketed paste on and off. Always sent: a paste is only ever recognised by its markers, and a
    /// terminal that does not know DEC mode 2004 ignores it.
    let pasteOn: String
    let pasteOff: String
    /// Everything that undoes the screen setup, written raw by the signal handlers.
    let reset: String

    init(mouseEnabled: Bool) {
        let hasXtermMouse = cn_cap("kmous").map { String(cString: $0).hasPrefix("\u{1B}[") } ?? false
        pasteOn = Self.cap("BE") ?? "\u{1B}[?2004h"
        pasteOff = Self.cap("BD") ?? "\u{1B}[?2004l"
        var reset = ""
        for name in ["rmkx", "sgr0", "op", "cnorm"] { reset += Self.cap(name) ?? "" }
        if mouseEnabled && hasXtermMouse { reset += "\u{1B}[?1006;1002;1000l" }
        reset += pasteOff
        reset += Self.cap("rmcup") ?? ""
        self.reset = reset
    }

    /// A capability with its padding delays (`$<5>`, `$<2/>`) removed: only tputs understands those.
    static func cap(_ name: String) -> String? {
        guard let raw = cn_cap(name) else { return nil }
        return withoutPadding(String(cString: raw))
    }

    /// Bytes, not `firstRange(of:)`: that search lives in _StringProcessing, and calling it here at launch brought
    /// its whole 388 KB block of code into memory before the first frame.
    static func withoutPadding(_ s: String) -> String {
        let bytes = Array(s.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "$"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "<"),
               let close = bytes[(i + 2)...].firstIndex(of: UInt8(ascii: ">")) {
                i = close + 1
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
