/// A grid of cells that views draw into. The backend copies it to the terminal; tests read it as text.
public struct CellBuffer: Sendable, Equatable {
    public let size: Size
    public private(set) var cells: [Cell]
    /// Where the terminal cursor should be shown after drawing; nil hides it.
    public var cursor: Point?

    public init(size: Size, fill: Cell = Cell()) {
        self.size = size
        cells = Array(repeating: fill, count: Swift.max(0, size.width * size.height))
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: size.width, height: size.height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * size.width + x] }
        set {
            guard x >= 0, y >= 0, x < size.width, y < size.height else { return }
            cells[y * size.width + x] = newValue
        }
    }

    /// Paints every cell of `rect` with a blank of `style`.
    public mutating func fill(_ rect: Rect, style: Style, char: String = " ") {
        let r = clip(rect)
        guard !r.isEmpty else { return }
        for y in r.y..<r.maxY {
            for x in r.x..<r.maxX { cells[y * size.width + x] = Cell(char, fg: style.fg, bg: style.bg, attributes: style.attributes) }
        }
    }

    /// Writes `text` starting at (x, y), clipped to `clip` (default: the whole buffer).
    /// A wide character that would straddle the right edge is replaced by a space. Returns the x after the text.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, style: Style, clip: Rect? = nil) -> Int {
        let c = self.clip(clip ?? bounds)
        guard y >= c.y, y < c.maxY else { return x + DisplayWidth.of(text) }
        var col = x
        for ch in text {
            let w = DisplayWidth.of(ch)
            if w == 0 {
                // Combining marks join the previous cell so they are not lost.
                if col - 1 >= c.x, col - 1 < c.maxX { self[col - 1, y].text.append(ch) }
                continue
            }
            if col >= c.maxX { return col + w }
            if col >= c.x {
                if w == 2 && col + 1 >= c.maxX {
                    self[col, y] = Cell(" ", fg: style.fg, bg: style.bg, attributes: style.attributes)
                } else {
                    let shown = ch == "\t" ? " " : String(ch)
                    self[col, y] = Cell(shown, fg: style.fg, bg: style.bg, attributes: style.attributes)
                    if w == 2 { self[col + 1, y] = Cell("", fg: style.fg, bg: style.bg, attributes: style.attributes) }
                }
            }
            col += w
        }
        return col
    }

    /// Changes the style of existing cells in `rect` without touching their text.
    public mutating func restyle(_ rect: Rect, _ transform: (inout Cell) -> Void) {
        let r = clip(rect)
        guard !r.isEmpty else { return }
        for y in r.y..<r.maxY { for x in r.x..<r.maxX { transform(&cells[y * size.width + x]) } }
    }

    public func clip(_ rect: Rect) -> Rect {
        let x0 = Swift.max(0, rect.x), y0 = Swift.max(0, rect.y)
        let x1 = Swift.min(size.width, rect.maxX), y1 = Swift.min(size.height, rect.maxY)
        return Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }

    /// One row as plain text (wide characters once, trailing spaces kept).
    public func line(_ y: Int) -> String {
        var s = ""
        for x in 0..<size.width { s += self[x, y].text }
        return s
    }

    /// The whole screen as text, one line per row with trailing spaces removed: what golden tests compare.
    public var text: String {
        (0..<size.height).map { y in
            var l = line(y)
            while l.hasSuffix(" ") { l.removeLast() }
            return l
        }.joined(separator: "\n")
    }
}
