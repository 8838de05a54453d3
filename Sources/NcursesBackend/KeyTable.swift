import CNcurses
import CTerminalHygiene
import TerminalScreen

/// Which ncurses key code means which key. Built once the terminal is up, because xterm's modified
/// keys (Ctrl-Left is `kLFT5`, Ctrl-Home `kHOM5`) get their codes from terminfo at run time, and
/// because some common sequences are missing from many terminfo entries: those are taught to
/// ncurses with `define_key` under private codes so they arrive as one key instead of loose characters.
struct KeyTable {
    private(set) var codes: [Int32: RawInput] = [:]

    /// Codes we hand to `define_key`; far above KEY_MAX and above the codes ncurses gives extended caps.
    private static let firstPrivateCode: Int32 = 0x3000

    /// Must run after `keypad(stdscr, TRUE)`.
    init() {
        for (code, key) in Self.standard { codes[code] = .key(key) }
        for (name, key) in Self.extendedCaps {
            guard let seq = cn_cap(name) else { continue }
            let code = key_defined(seq)
            if code > 0, codes[code] == nil { codes[code] = .key(key) }
        }
        var nextPrivate = Self.firstPrivateCode
        let pasteStart = cn_cap("PS").map { String(cString: $0) } ?? "\u{1B}[200~"
        let pasteEnd = cn_cap("PE").map { String(cString: $0) } ?? "\u{1B}[201~"
        let extras = Self.extraSequences + [(pasteStart, .pasteStart), (pasteEnd, .pasteEnd)]
        for (seq, item) in extras {
            let code = key_defined(seq)
            if code > 0 {
                if codes[code] == nil || item == .pasteStart || item == .pasteEnd { codes[code] = item }
            } else if code == 0, define_key(seq, nextPrivate) == OK {
                codes[nextPrivate] = item
                nextPrivate += 1
            }
            // -1: the sequence clashes with a longer or shorter one ncurses knows; leave it alone.
        }
    }

    subscript(code: Int32) -> RawInput? { codes[code] }

    private static let standard: [(Int32, Key)] = {
        var t: [(Int32, Key)] = [
            (KEY_UP, .up), (KEY_DOWN, .down), (KEY_LEFT, .left), (KEY_RIGHT, .right),
            (KEY_HOME, .home), (KEY_END, .end), (KEY_PPAGE, .pageUp), (KEY_NPAGE, .pageDown),
            (KEY_ENTER, .enter), (KEY_BACKSPACE, .backspace), (KEY_DC, .delete), (KEY_IC, .insert),
            (KEY_BTAB, .backTab),
            // vt220-style Find/Select and the keypad corners are Home/End/PgUp/PgDn on PC keyboards.
            (KEY_FIND, .home), (KEY_SELECT, .end), (KEY_A1, .home), (KEY_C1, .end),
            (KEY_A3, .pageUp), (KEY_C3, .pageDown), (KEY_SHOME, .home), (KEY_SEND, .end),
        ]
        for n in 1...12 { t.append((KEY_F0 + Int32(n), .function(n))) }
        return t
    }()

    /// xterm modifier variants: 3 is Alt, 5 Ctrl (2 Shift, 4 Alt+Shift, 6 Ctrl+Shift, 7 Ctrl+Alt).
    /// Alt-arrows move by word too, as on macOS.
    private static let extendedCaps: [(String, Key)] = {
        var t: [(String, Key)] = [
            ("kLFT5", .ctrlLeft), ("kRIT5", .ctrlRight), ("kLFT3", .ctrlLeft), ("kRIT3", .ctrlRight),
        ]
        for m in 2...7 { t += [("kHOM\(m)", .home), ("kEND\(m)", .end)] }
        return t
    }()

    /// Sequences terminals send even when TERM's terminfo entry does not list them.
    private static let extraSequences: [(String, RawInput)] = [
        ("\u{1B}[1;5D", .key(.ctrlLeft)), ("\u{1B}[1;5C", .key(.ctrlRight)),
        ("\u{1B}[1;3D", .key(.ctrlLeft)), ("\u{1B}[1;3C", .key(.ctrlRight)),
        ("\u{1B}Od", .key(.ctrlLeft)), ("\u{1B}Oc", .key(.ctrlRight)),
        ("\u{1B}[1~", .key(.home)), ("\u{1B}[7~", .key(.home)), ("\u{1B}[H", .key(.home)), ("\u{1B}OH", .key(.home)),
        ("\u{1B}[4~", .key(.end)), ("\u{1B}[8~", .key(.end)), ("\u{1B}[F", .key(.end)), ("\u{1B}OF", .key(.end)),
        ("\u{1B}[1;5H", .key(.home)), ("\u{1B}[1;5F", .key(.end)),
        ("\u{1B}[3~", .key(.delete)), ("\u{1B}[2~", .key(.insert)),
        ("\u{1B}[5~", .key(.pageUp)), ("\u{1B}[6~", .key(.pageDown)), ("\u{1B}[Z", .key(.backTab)),
    ]
}
