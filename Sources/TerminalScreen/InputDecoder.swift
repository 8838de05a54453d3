/// One item as a terminal backend reads it, before decoding: a character, or something the
/// backend already recognised (a function key, a mouse report, a resize, a paste marker).
public enum RawInput: Sendable, Hashable {
    /// A character exactly as read, control characters included (Ctrl-A is U+0001, ESC is U+001B).
    case scalar(Unicode.Scalar)
    case key(Key)
    case mouse(MouseEvent)
    case resize(Size)
    /// Bracketed-paste start (`ESC [ 200 ~`) and end (`ESC [ 201 ~`).
    case pasteStart, pasteEnd
}

/// Turns what one read of the terminal returned into app events. Pure, so it is tested without a terminal.
///
/// Rules: control characters become `.ctrl`, Enter/Tab/Backspace/Escape keys; ESC followed by a printable
/// character in the same read is Alt plus that character; only text between bracketed-paste markers is a
/// `.paste`, with CR LF and lone CR turned into LF. Anything else is keys, however fast it arrives: ten
/// quick `j`s are ten moves, and a newline typed after text is Enter.
public struct InputDecoder: Sendable {
    /// True between a bracketed-paste start and end marker; a paste may span several reads.
    public private(set) var inBracketedPaste = false
    /// The paste so far: it is delivered whole, as one event, when its end marker arrives.
    private var pasted = ""
    private var pastedScalars = 0
    /// A paste whose end marker never comes is delivered at this size rather than held forever.
    public static let maxPasteScalars = 8 * 1024 * 1024

    public init() {}

    public mutating func decode(_ input: [RawInput]) -> [TerminalEvent] {
        var events: [TerminalEvent] = []
        var i = 0
        while i < input.count {
            let item = input[i]
            if inBracketedPaste {
                switch item {
                case .pasteEnd:
                    inBracketedPaste = false
                    if !pasted.isEmpty { events.append(.paste(Self.normalised(pasted))) }
                    pasted = ""
                    pastedScalars = 0
                case .scalar(let s): pasted.unicodeScalars.append(s)
                case .key(.enter): pasted += "\n"
                case .key(.tab): pasted += "\t"
                default: break  // keys and mouse reports cannot be part of pasted text
                }
                pastedScalars += 1
                if pastedScalars >= Self.maxPasteScalars {
                    events.append(.paste(Self.normalised(pasted)))
                    pasted = ""
                    pastedScalars = 0
                }
                i += 1
                continue
            }
            switch item {
            case .pasteStart:
                inBracketedPaste = true
                i += 1
            case .pasteEnd:
                i += 1
            case .key(let k): events.append(.key(k)); i += 1
            case .mouse(let m): events.append(.mouse(m)); i += 1
            case .resize(let s):
                // Several resizes in one read: only the last size matters.
                if case .resize = events.last { events.removeLast() }
                events.append(.resize(s))
                i += 1
            case .scalar(let s):
                if s.value == 0x1B, i + 1 < input.count, case .scalar(let next) = input[i + 1], Self.isPrintable(next) {
                    events.append(.key(.alt(Character(next))))
                    i += 2
                } else {
                    events.append(.key(Self.key(for: s)))
                    i += 1
                }
            }
        }
        return events
    }

    /// The key one character stands for when it is not part of a paste.
    public static func key(for s: Unicode.Scalar) -> Key {
        switch s.value {
        case 0x0D, 0x0A: return .enter
        case 0x09: return .tab
        case 0x08, 0x7F: return .backspace
        case 0x1B: return .escape
        case 0x00: return .ctrl(" ")
        case 0x01...0x1A: return .ctrl(Character(Unicode.Scalar(UInt8(s.value) + 0x60)))
        case 0x1C: return .ctrl("\\")
        case 0x1D: return .ctrl("]")
        case 0x1E: return .ctrl("^")
        case 0x1F: return .ctrl("_")
        default: return .char(Character(s))
        }
    }

    static func isPrintable(_ s: Unicode.Scalar) -> Bool {
        s.value >= 0x20 && s.value != 0x7F && !(0x80..<0xA0).contains(s.value)
    }

    /// CR LF and lone CR become LF, as editors expect pasted text.
    static func normalised(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var previousWasCR = false
        for s in text.unicodeScalars {
            if s.value == 0x0A, previousWasCR { previousWasCR = false; continue }
            previousWasCR = s.value == 0x0D
            out.append(previousWasCR ? "\n" : s)
        }
        return String(out)
    }
}
