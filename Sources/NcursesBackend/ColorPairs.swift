import CNcurses
import CTerminalHygiene
import TerminalScreen

/// Turns a cell's roles and attributes into curses attributes and a colour pair for one palette.
/// Pairs are allocated lazily, one per distinct (foreground, background) colour number pair, and
/// the whole cache is rebuilt when the palette changes.
struct CellStyler {
    struct Key: Hashable {
        var fg: Role, bg: Role, attributes: TextAttributes
    }

    let palette: Palette
    let mapper: ColorMapper
    /// False when `use_default_colors` failed: -1 is not allowed, so use white on black instead.
    let hasDefaultColors: Bool
    let maxPairs: Int
    private var styles: [Key: (attr_t, Int32)] = [:]
    private var pairs: [Int: Int32] = [:]
    private var nextPair: Int32 = 1

    init(palette: Palette, mapper: ColorMapper, hasDefaultColors: Bool, maxPairs: Int) {
        self.palette = palette
        self.mapper = mapper
        self.hasDefaultColors = hasDefaultColors
        self.maxPairs = maxPairs
    }

    /// The curses attributes and colour pair for a cell.
    mutating func style(fg: Role, bg: Role, attributes: TextAttributes) -> (attr_t, Int32) {
        let key = Key(fg: fg, bg: bg, attributes: attributes)
        if let known = styles[key] { return known }
        var attrs = attributes.union(palette[fg].attributes).union(palette[bg].attributes)
        var pair: Int32 = 0
        if mapper.depth == .monochrome {
            // Without colour, selection and focus must still be visible.
            if bg == .selection || bg == .focus { attrs.insert(.reverse) }
        } else {
            pair = allocate(fg: number(palette[fg].color, isForeground: true),
                            bg: number(palette[bg].color, isForeground: false))
        }
        let result = (Self.cursesAttributes(attrs), pair)
        styles[key] = result
        return result
    }

    private func number(_ color: TermColor, isForeground: Bool) -> Int {
        let n = mapper.number(for: color)
        if n < 0 && !hasDefaultColors { return isForeground ? 7 : 0 }
        return n
    }

    private mutating func allocate(fg: Int, bg: Int) -> Int32 {
        if fg == -1 && bg == -1 { return 0 }  // pair 0 is the terminal's defaults
        // Colour numbers stay below 2^24, so one Int keys the pair.
        let key = (fg + 1) << 25 | (bg + 1)
        if let p = pairs[key] { return p }
        guard Int(nextPair) < maxPairs, cn_init_pair(nextPair, Int32(fg), Int32(bg)) == OK else { return 0 }
        pairs[key] = nextPair
        nextPair += 1
        return nextPair - 1
    }

    static func cursesAttributes(_ a: TextAttributes) -> attr_t {
        var out: attr_t = 0
        if a.contains(.bold) { out |= attr_t(cn_a_bold()) }
        if a.contains(.underline) { out |= attr_t(cn_a_underline()) }
        if a.contains(.reverse) { out |= attr_t(cn_a_reverse()) }
        if a.contains(.dim) { out |= attr_t(cn_a_dim()) }
        return out
    }
}
