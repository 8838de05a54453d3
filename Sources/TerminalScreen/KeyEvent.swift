/// A key or terminal event, independent of how the terminal encoded it.
public enum Key: Sendable, Hashable {
    case char(Character)
    /// Ctrl plus a letter, lower-cased: Ctrl-S is `.ctrl("s")`.
    case ctrl(Character)
    /// Alt (Meta) plus a character.
    case alt(Character)
    case up, down, left, right, home, end, pageUp, pageDown
    case enter, tab, backTab, backspace, delete, insert, escape
    case function(Int)
    case ctrlLeft, ctrlRight
}

/// A mouse action at a screen position.
public struct MouseEvent: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case press, release, wheelUp, wheelDown }
    public var kind: Kind
    public var at: Point
    public init(_ kind: Kind, at: Point) { self.kind = kind; self.at = at }
}

/// Everything the terminal can tell the app.
public enum TerminalEvent: Sendable, Hashable {
    case key(Key)
    case mouse(MouseEvent)
    case resize(Size)
    /// A run of text arriving at once (a paste), so the app can insert it in one step.
    case paste(String)
}
