/// Splits one cell's grapheme into what a curses-style terminal can draw safely.
///
/// curses advances the cursor by `wcwidth` of a cell's first character and writes the rest as if
/// they took no room. When that disagrees with `DisplayWidth` (a VS16 emoji whose base is narrow,
/// a ZWJ family of several wide emoji, an Indic cluster with two spacing characters), the screen
/// would drift. So each spacing character becomes its own glyph with its zero-width marks, glyphs
/// are placed while they fit in the cell's columns, and the rest of the columns get spaces.
/// Control characters and joiners are dropped; characters the terminal's locale cannot show become "?".
public enum GlyphLayout {
    /// One thing to draw: a spacing character and up to four combining characters, at a column
    /// offset inside the cell.
    public struct Glyph: Sendable, Hashable {
        public var column: Int
        public var scalars: [Unicode.Scalar]
        public init(column: Int, scalars: [Unicode.Scalar]) { self.column = column; self.scalars = scalars }
    }

    /// curses keeps one spacing character plus four combining characters per cell (CCHARW_MAX = 5).
    public static let maxCombining = 4

    /// - Parameters:
    ///   - text: the cell's text (one grapheme cluster; empty counts as a space).
    ///   - columns: 1, or 2 when the next cell is this one's continuation.
    ///   - width: the terminal's width for one scalar (`wcwidth`): -1 unprintable, 0, 1 or 2.
    public static func layout(_ text: String, columns: Int, width: (Unicode.Scalar) -> Int) -> [Glyph] {
        var groups: [(scalars: [Unicode.Scalar], width: Int)] = []
        for s in text.unicodeScalars {
            if isDropped(s) { continue }
            let w = width(s)
            if w < 0 {
                groups.append((["?"], 1))
            } else if w == 0 {
                if s.value == 0xFE0F || s.value == 0xFE0E {
                    // Only a base the terminal already draws wide may keep its presentation selector.
                    if let last = groups.last, last.width == 2 { groups[groups.count - 1].scalars.append(s) }
                    continue
                }
                if groups.isEmpty { groups.append(([" "], 1)) }
                if groups[groups.count - 1].scalars.count <= maxCombining { groups[groups.count - 1].scalars.append(s) }
            } else {
                groups.append(([s], w))
            }
        }
        var glyphs: [Glyph] = []
        var column = 0
        for g in groups {
            if column + g.width > columns { break }
            glyphs.append(Glyph(column: column, scalars: g.scalars))
            column += g.width
        }
        while column < columns {
            glyphs.append(Glyph(column: column, scalars: [" "]))
            column += 1
        }
        return glyphs
    }

    /// Controls would move the terminal's cursor; a joiner left at the end of a glyph could glue
    /// it to the next cell's character.
    static func isDropped(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return v < 0x20 || (0x7F..<0xA0).contains(v) || v == 0x200D || v == 0x2028 || v == 0x2029
    }
}
