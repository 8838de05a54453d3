/// One screen cell: a grapheme (empty for the right half of a wide character), its roles and attributes.
public struct Cell: Sendable, Hashable {
    public var text: String
    public var fg: Role
    public var bg: Role
    public var attributes: TextAttributes

    public init(_ text: String = " ", fg: Role = .text, bg: Role = .background, attributes: TextAttributes = []) {
        self.text = text; self.fg = fg; self.bg = bg; self.attributes = attributes
    }

    /// True for the trailing half of a double-width character.
    public var isContinuation: Bool { text.isEmpty }
}

/// A cell style without the text: what views pass when they write strings.
public struct Style: Sendable, Hashable {
    public var fg: Role
    public var bg: Role
    public var attributes: TextAttributes
    public init(fg: Role = .text, bg: Role = .background, _ attributes: TextAttributes = []) {
        self.fg = fg; self.bg = bg; self.attributes = attributes
    }
    public func with(fg: Role) -> Style { var s = self; s.fg = fg; return s }
    public func with(bg: Role) -> Style { var s = self; s.bg = bg; return s }
    public func adding(_ a: TextAttributes) -> Style { var s = self; s.attributes.formUnion(a); return s }
}

/// A point on the screen, 0-based.
public struct Point: Sendable, Hashable {
    public var x: Int
    public var y: Int
    public init(x: Int, y: Int) { self.x = x; self.y = y }
}

/// A terminal size in cells.
public struct Size: Sendable, Hashable {
    public var width: Int
    public var height: Int
    public init(width: Int, height: Int) { self.width = width; self.height = height }
}

/// A rectangle of cells, 0-based; layout code splits these.
public struct Rect: Sendable, Hashable {
    public var x: Int, y: Int, width: Int, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x; self.y = y; self.width = Swift.max(0, width); self.height = Swift.max(0, height)
    }
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width == 0 || height == 0 }
    public func contains(_ p: Point) -> Bool { p.x >= x && p.x < maxX && p.y >= y && p.y < maxY }
    /// The rectangle shrunk by `n` cells on every side.
    public func inset(_ n: Int) -> Rect { Rect(x: x + n, y: y + n, width: width - 2 * n, height: height - 2 * n) }
    public func inset(dx: Int, dy: Int) -> Rect { Rect(x: x + dx, y: y + dy, width: width - 2 * dx, height: height - 2 * dy) }
}
