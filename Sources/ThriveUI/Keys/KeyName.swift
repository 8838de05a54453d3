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
}
