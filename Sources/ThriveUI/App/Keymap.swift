import TerminalScreen

/// Named actions the user can take; the key table and the help overlay both come from here.
public enum Action: String, Sendable, CaseIterable, Hashable {
    case quit, suspend, help, send, cancel, nextPane, previousPane, cycleTheme, toggleRaw
    case filter, select, up, down, pageUp, pageDown, top, bottom
    case toggleValue, previousValue, now, newUUID, addProperty, removeProperty, applyFix, nextEvent, previousEvent
    case openDetail, replay
}

/// One key binding with its help text and the pane it applies to (nil: everywhere).
public struct Binding: Sendable {
    public var action: Action
    public var keys: [Key]
    /// How the keys are written in help and the footer.
    public var label: String
    public var help: String
    public var pane: Pane?
    /// Shown in the footer when this pane has focus.
    public var inFooter: Bool
    /// Also works while a text editor has the keys (so it cannot be a printable character).
    public var whileTyping: Bool = false
}

/// The single key table: global keys first, then per-pane keys.
public enum Keymap {
    public static let bindings: [Binding] = [
        Binding(action: .send, keys: [.ctrl("s"), .function(5)], label: "^S/F5", help: "send the request", pane: nil, inFooter: true, whileTyping: true),
        Binding(action: .nextPane, keys: [.tab], label: "Tab", help: "next pane", pane: nil, inFooter: true),
        Binding(action: .previousPane, keys: [.backTab], label: "S-Tab", help: "previous pane", pane: nil, inFooter: false),
        Binding(action: .toggleRaw, keys: [.function(2)], label: "F2", help: "switch form / raw JSON editing", pane: nil, inFooter: true, whileTyping: true),
        Binding(action: .help, keys: [.char("?"), .function(1)], label: "?", help: "show this help", pane: nil, inFooter: true),
        Binding(action: .cycleTheme, keys: [.char("t")], label: "t", help: "next colour theme", pane: nil, inFooter: false),
        Binding(action: .cancel, keys: [.escape], label: "Esc", help: "cancel an edit, a dialog or the request in flight", pane: nil, inFooter: false),
        Binding(action: .quit, keys: [.char("q")], label: "q", help: "quit", pane: nil, inFooter: true),
        Binding(action: .quit, keys: [.ctrl("c")], label: "^C", help: "quit, even while typing", pane: nil, inFooter: false, whileTyping: true),
        Binding(action: .suspend, keys: [.ctrl("z")], label: "^Z", help: "suspend to the shell (fg comes back)", pane: nil, inFooter: false, whileTyping: true),
        Binding(action: .up, keys: [.up, .char("k")], label: "↑/k", help: "move up", pane: nil, inFooter: false),
        Binding(action: .down, keys: [.down, .char("j")], label: "↓/j", help: "move down", pane: nil, inFooter: false),
        Binding(action: .pageUp, keys: [.pageUp], label: "PgUp", help: "page up", pane: nil, inFooter: false),
        Binding(action: .pageDown, keys: [.pageDown], label: "PgDn", help: "page down", pane: nil, inFooter: false),
        Binding(action: .top, keys: [.home, .char("g")], label: "Home/g", help: "first row", pane: nil, inFooter: false),
        Binding(action: .bottom, keys: [.end, .char("G")], label: "End/G", help: "last row", pane: nil, inFooter: false),
        Binding(action: .filter, keys: [.char("/")], label: "/", help: "filter templates by typing", pane: .templates, inFooter: true),
        Binding(action: .select, keys: [.enter], label: "Enter", help: "start a new draft from the template", pane: .templates, inFooter: true),
        Binding(action: .select, keys: [.enter], label: "Enter", help: "edit the field (toggle booleans)", pane: .form, inFooter: true),
        Binding(action: .toggleValue, keys: [.char(" "), .right, .char("l")], label: "Space/→", help: "toggle a boolean, next enum value", pane: .form, inFooter: false),
        Binding(action: .previousValue, keys: [.left, .char("h")], label: "←", help: "previous enum value", pane: .form, inFooter: false),
        Binding(action: .now, keys: [.char("n")], label: "n", help: "set a date-time field to now", pane: .form, inFooter: false),
        Binding(action: .newUUID, keys: [.char("u")], label: "u", help: "fresh UUID in an id field", pane: .form, inFooter: false),
        Binding(action: .addProperty, keys: [.char("a")], label: "a", help: "add a property (name, then Tab picks the type)", pane: .form, inFooter: true),
        Binding(action: .removeProperty, keys: [.char("d"), .delete], label: "d", help: "remove the field", pane: .form, inFooter: true),
        Binding(action: .applyFix, keys: [.char("f")], label: "f", help: "apply the suggested fix for the field's finding", pane: .form, inFooter: true),
        Binding(action: .nextEvent, keys: [.char("]")], label: "]", help: "next event of a batch", pane: .form, inFooter: false),
        Binding(action: .previousEvent, keys: [.char("[")], label: "[", help: "previous event of a batch", pane: .form, inFooter: false),
        Binding(action: .openDetail, keys: [.enter], label: "Enter", help: "show the full request and response", pane: .history, inFooter: true),
        Binding(action: .replay, keys: [.char("r")], label: "r", help: "load the entry into the composer to edit and resend", pane: .history, inFooter: true),
    ]

    /// The action a key means in `pane`: the pane's own binding first, then a global one.
    public static func action(for key: Key, in pane: Pane) -> Action? {
        if let own = byKey[PaneKey(pane: pane, key: key)] { return own }
        return byKey[PaneKey(pane: nil, key: key)]
    }

    /// The action of a key that works even while a text editor has the keys (^C, ^S, F5, F2), or nil.
    public static func typingAction(for key: Key) -> Action? { whileTyping[key] }

    private static let whileTyping: [Key: Action] = {
        var map: [Key: Action] = [:]
        for b in bindings where b.whileTyping { for k in b.keys { map[k] = b.action } }
        return map
    }()

    private struct PaneKey: Hashable { var pane: Pane?; var key: Key }

    /// Built once from `bindings`: lookups happen on every keystroke.
    private static let byKey: [PaneKey: Action] = {
        var map: [PaneKey: Action] = [:]
        for b in bindings {
            for k in b.keys where map[PaneKey(pane: b.pane, key: k)] == nil { map[PaneKey(pane: b.pane, key: k)] = b.action }
        }
        return map
    }()

    /// The footer hints for a pane: its own keys, then the global ones.
    public static func footer(for pane: Pane) -> [(String, String)] {
        let own = bindings.filter { $0.pane == pane && $0.inFooter }
        let global = bindings.filter { $0.pane == nil && $0.inFooter }
        return (own + global).map { ($0.label, shortHelp($0)) }
    }

    static func shortHelp(_ b: Binding) -> String {
        switch b.action {
        case .send: return "send"
        case .nextPane: return "pane"
        case .toggleRaw: return "raw"
        case .help: return "help"
        case .quit: return "quit"
        case .filter: return "filter"
        case .select: return b.pane == .form ? "edit" : (b.pane == .templates ? "new draft" : "open")
        case .addProperty: return "add"
        case .removeProperty: return "remove"
        case .applyFix: return "fix"
        case .openDetail: return "details"
        case .replay: return "replay"
        default: return b.action.rawValue
        }
    }
}
