import TerminalScreen

/// A multi-line text editor for raw JSON mode: the text is kept exactly as typed, whether or not it parses.
///
/// Lines are stored split, so a keystroke touches one line instead of the whole (possibly 2 MB) payload;
/// `cursorColumn` counts grapheme clusters within the cursor's line.
public struct TextArea: Sendable, Equatable {
    public private(set) var lines: [String]
    public private(set) var cursorLine = 0
    public private(set) var cursorColumn = 0
    /// The column the cursor tries to return to when moving through shorter lines.
    private var preferredColumn = 0

    public init(text: String) {
        lines = TextArea.split(text)
    }

    public var text: String { lines.joined(separator: "\n") }

    /// Inserts text (typed or pasted) at the cursor; CRLF and CR become LF.
    public mutating func insert(_ text: String) {
        let pieces = TextArea.split(text)
        let line = lines[cursorLine]
        let split = line.index(line.startIndex, offsetBy: cursorColumn)
        let before = String(line[..<split]), after = String(line[split...])
        if pieces.count == 1 {
            lines[cursorLine] = before + pieces[0] + after
        } else {
            var replacement = [before + pieces[0]]
            replacement += pieces[1..<(pieces.count - 1)]
            replacement.append(pieces[pieces.count - 1] + after)
            lines.replaceSubrange(cursorLine...cursorLine, with: replacement)
            cursorLine += pieces.count - 1
        }
        // Counted from the end: inserted text can merge with the character before it (a skin tone after 👍,
        // a vowel sign after क), so adding the inserted count could put the cursor past the line's end.
        cursorColumn = max(0, lines[cursorLine].count - after.count)
        preferredColumn = cursorColumn
    }

    /// Applies an editing action (the keymap decides which key means which).
    /// - Returns: false when the action is not an editing action (the caller may use it).
    @discardableResult
    public mutating func apply(_ action: Action, pageHeight: Int) -> Bool {
        switch action {
        case .newline: newline()
        case .deleteBackward: deleteBackward()
        case .deleteForward: deleteForward()
        case .cursorLeft: moveHorizontally(-1)
        case .cursorRight: moveHorizontally(1)
        case .up: moveVertically(-1)
        case .down: moveVertically(1)
        case .pageUp: moveVertically(-max(1, pageHeight - 1))
        case .pageDown: moveVertically(max(1, pageHeight - 1))
        case .lineStart: cursorColumn = 0; preferredColumn = 0
        case .lineEnd: cursorColumn = lines[cursorLine].count; preferredColumn = cursorColumn
        case .wordLeft:
            cursorColumn = TextMotion.wordStart(before: cursorColumn, in: Array(lines[cursorLine])); preferredColumn = cursorColumn
        case .wordRight:
            cursorColumn = TextMotion.wordEnd(after: cursorColumn, in: Array(lines[cursorLine])); preferredColumn = cursorColumn
        case .deleteWordBackward:
            var chars = Array(lines[cursorLine])
            let start = TextMotion.wordStart(before: cursorColumn, in: chars)
            chars.removeSubrange(start..<cursorColumn)
            lines[cursorLine] = String(chars); cursorColumn = start; preferredColumn = start
        case .deleteWordForward:
            var chars = Array(lines[cursorLine])
            let end = TextMotion.wordEnd(after: cursorColumn, in: chars)
            chars.removeSubrange(cursorColumn..<end)
            lines[cursorLine] = String(chars)
        case .deleteToEnd:
            if cursorColumn == lines[cursorLine].count { deleteForward() } else {
                lines[cursorLine] = String(lines[cursorLine].prefix(cursorColumn))
            }
        case .deleteToStart:
            lines[cursorLine] = String(lines[cursorLine].dropFirst(cursorColumn)); cursorColumn = 0; preferredColumn = 0
        default:
            return false
        }
        return true
    }

    /// Enter keeps the current line's indentation, and indents one step more after an opening bracket.
    private mutating func newline() {
        let line = lines[cursorLine]
        var indent = String(line.prefix { $0 == " " || $0 == "\t" })
        let beforeCursor = line.prefix(cursorColumn).trimmingTrailingSpaces()
        if beforeCursor.last == "{" || beforeCursor.last == "[" { indent += "  " }
        insert("\n" + indent)
    }

    private mutating func deleteBackward() {
        if cursorColumn > 0 {
            var chars = Array(lines[cursorLine])
            chars.remove(at: cursorColumn - 1)
            lines[cursorLine] = String(chars)
            cursorColumn -= 1
        } else if cursorLine > 0 {
            let current = lines.remove(at: cursorLine)
            cursorLine -= 1
            cursorColumn = lines[cursorLine].count
            lines[cursorLine] += current
        }
        preferredColumn = cursorColumn
    }

    private mutating func deleteForward() {
        if cursorColumn < lines[cursorLine].count {
            var chars = Array(lines[cursorLine])
            chars.remove(at: cursorColumn)
            lines[cursorLine] = String(chars)
        } else if cursorLine + 1 < lines.count {
            lines[cursorLine] += lines.remove(at: cursorLine + 1)
        }
    }

    private mutating func moveHorizontally(_ delta: Int) {
        if delta < 0, cursorColumn == 0, cursorLine > 0 {
            cursorLine -= 1; cursorColumn = lines[cursorLine].count
        } else if delta > 0, cursorColumn == lines[cursorLine].count, cursorLine + 1 < lines.count {
            cursorLine += 1; cursorColumn = 0
        } else {
            cursorColumn = min(max(0, cursorColumn + delta), lines[cursorLine].count)
        }
        preferredColumn = cursorColumn
    }

    private mutating func moveVertically(_ delta: Int) {
        cursorLine = min(max(0, cursorLine + delta), lines.count - 1)
        cursorColumn = min(preferredColumn, lines[cursorLine].count)
    }

    static func split(_ text: String) -> [String] {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        return normalized.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
}

private extension Substring {
    func trimmingTrailingSpaces() -> Substring {
        var s = self
        while let last = s.last, last == " " || last == "\t" { s.removeLast() }
        return s
    }
}
