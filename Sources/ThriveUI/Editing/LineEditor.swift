import TerminalScreen

/// A single-line text editor with a cursor: what a form field or prompt uses while the user types.
///
/// The cursor counts grapheme clusters, so a wide character or an emoji with modifiers moves as one.
/// Keys follow readline, which is what terminal users' fingers already know.
public struct LineEditor: Sendable, Equatable {
    public private(set) var characters: [Character]
    /// Index in `characters` where typing inserts (0…count).
    public private(set) var cursor: Int

    public init(text: String) {
        characters = Array(text)
        cursor = characters.count
    }

    public var text: String { String(characters) }

    /// Inserts text at the cursor. A single-line field cannot hold line breaks, so pasted ones become spaces.
    public mutating func insert(_ text: String) {
        let chars = text.map { $0.isNewline ? " " : $0 }
        characters.insert(contentsOf: chars, at: cursor)
        cursor += chars.count
    }

    /// Applies an editing action (the keymap decides which key means which).
    /// - Returns: false when the action means nothing to a line editor (the caller may use it).
    @discardableResult
    public mutating func apply(_ action: Action) -> Bool {
        switch action {
        case .cursorLeft: cursor = max(0, cursor - 1)
        case .cursorRight: cursor = min(characters.count, cursor + 1)
        case .lineStart: cursor = 0
        case .lineEnd: cursor = characters.count
        case .wordLeft: cursor = TextMotion.wordStart(before: cursor, in: characters)
        case .wordRight: cursor = TextMotion.wordEnd(after: cursor, in: characters)
        case .deleteBackward:
            guard cursor > 0 else { return true }
            characters.remove(at: cursor - 1)
            cursor -= 1
        case .deleteForward:
            guard cursor < characters.count else { return true }
            characters.remove(at: cursor)
        case .deleteWordBackward:
            let start = TextMotion.wordStart(before: cursor, in: characters)
            characters.removeSubrange(start..<cursor)
            cursor = start
        case .deleteWordForward:
            let end = TextMotion.wordEnd(after: cursor, in: characters)
            characters.removeSubrange(cursor..<end)
        case .deleteToStart:
            characters.removeSubrange(0..<cursor)
            cursor = 0
        case .deleteToEnd:
            characters.removeSubrange(cursor..<characters.count)
        default:
            return false
        }
        return true
    }

    /// The part of the text to show in `width` columns with the cursor in view, and the cursor's column in it.
    ///
    /// Stateless on purpose: the view owns no scroll offset, so the slice starts at the beginning while the
    /// cursor fits and otherwise keeps the cursor at the right edge.
    public func visibleSlice(width: Int) -> (text: String, cursorColumn: Int) {
        let width = max(1, width)
        var start = 0
        var columnsBeforeCursor = DisplayWidth.of(String(characters[0..<cursor]))
        while columnsBeforeCursor > width - 1, start < cursor {
            columnsBeforeCursor -= DisplayWidth.of(characters[start])
            start += 1
        }
        var shown = ""
        var used = 0
        for c in characters[start...] {
            let w = DisplayWidth.of(c)
            if used + w > width { break }
            shown.append(c)
            used += w
        }
        return (shown, columnsBeforeCursor)
    }
}

/// Word motions shared by the line editor and the text area: a word is a run of letters, digits or `_`.
enum TextMotion {
    static func isWord(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }

    static func wordStart(before index: Int, in chars: [Character]) -> Int {
        var i = index
        while i > 0, !isWord(chars[i - 1]) { i -= 1 }
        while i > 0, isWord(chars[i - 1]) { i -= 1 }
        return i
    }

    static func wordEnd(after index: Int, in chars: [Character]) -> Int {
        var i = index
        while i < chars.count, !isWord(chars[i]) { i += 1 }
        while i < chars.count, isWord(chars[i]) { i += 1 }
        return i
    }
}
