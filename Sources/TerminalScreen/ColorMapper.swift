/// Maps theme colours to colour numbers a terminal actually has.
///
/// A theme may name true colours; most terminals ncurses drives have 256 (xterm cube and grey
/// ramp), 16 or 8 colours. The nearest colour is chosen with a "red-mean" weighted distance,
/// which tracks perceived difference better than plain RGB distance.
public struct ColorMapper: Sendable, Hashable {
    /// What kind of colour numbers the terminal takes.
    public enum Depth: Sendable, Hashable {
        /// No colour: draw with attributes only.
        case monochrome
        case ansi8, ansi16, xterm256
        /// 24-bit terminals (`xterm-direct`): colour numbers are packed 0xRRGGBB, 0–7 stay ANSI.
        case direct
    }

    public let depth: Depth

    public init(depth: Depth) { self.depth = depth }

    /// The depth for ncurses' `COLORS` value (0 or less when the terminal has no colour).
    public init(colorCount: Int) {
        switch colorCount {
        case 0x100_0000...: depth = .direct
        case 256...: depth = .xterm256
        case 16...: depth = .ansi16
        case 8...: depth = .ansi8
        default: depth = .monochrome
        }
    }

    /// The colour number to pass to ncurses; -1 means the terminal's default colour.
    public func number(for color: TermColor) -> Int {
        switch (depth, color) {
        case (.monochrome, _), (_, .terminalDefault): return -1
        case let (.direct, .rgb(r, g, b)): return Self.packed(r, g, b)
        case let (.direct, .indexed(n)): return n < 8 ? Int(n) : Self.packed(Self.rgb(ofIndex: n))
        case let (.xterm256, .indexed(n)): return Int(n)
        case let (.xterm256, .rgb(r, g, b)): return Self.nearest256(r, g, b)
        case let (.ansi16, .indexed(n)): return n < 16 ? Int(n) : Self.nearest(Self.rgb(ofIndex: n), count: 16)
        case let (.ansi16, .rgb(r, g, b)): return Self.nearest((r, g, b), count: 16)
        case let (.ansi8, .indexed(n)):
            if n < 8 { return Int(n) }
            if n < 16 { return Int(n) - 8 }
            return Self.nearest(Self.rgb(ofIndex: n), count: 8)
        case let (.ansi8, .rgb(r, g, b)): return Self.nearest((r, g, b), count: 8)
        }
    }

    /// The nearest entry of the xterm 6×6×6 cube (16–231) or grey ramp (232–255).
    public static func nearest256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
        let ri = cubeIndex(r), gi = cubeIndex(g), bi = cubeIndex(b)
        let cube = (cubeLevels[ri], cubeLevels[gi], cubeLevels[bi])
        let cubeNumber = 16 + 36 * ri + 6 * gi + bi
        // The grey ramp runs 8, 18, … 238; pick the step nearest the average brightness.
        let average = (Int(r) + Int(g) + Int(b)) / 3
        let greyStep = Swift.min(23, Swift.max(0, (average - 3) / 10))
        let greyLevel = UInt8(8 + 10 * greyStep)
        let greyDistance = distance((r, g, b), (greyLevel, greyLevel, greyLevel))
        return greyDistance < distance((r, g, b), cube) ? 232 + greyStep : cubeNumber
    }

    /// The nearest of the first `count` (8 or 16) ANSI colours, using xterm's default values.
    ///
    /// With so few colours, hue is what must survive: a pale green 2xx and a pale red 5xx have to stay
    /// green and red, though a mid grey or yellow is nearer by distance. So a clearly coloured input takes
    /// the ANSI colour of its hue sector (bright when it is light), and only near-greys use distance.
    public static func nearest(_ c: (UInt8, UInt8, UInt8), count: Int) -> Int {
        let hi = Int(Swift.max(c.0, c.1, c.2)), lo = Int(Swift.min(c.0, c.1, c.2))
        if hi - lo >= 48 {
            // Sectors of 60° starting at red: red, yellow, green, cyan, blue, magenta → ANSI 1, 3, 2, 6, 4, 5.
            let sector = Int(((hue(c) + 30).truncatingRemainder(dividingBy: 360)) / 60)
            let base = [1, 3, 2, 6, 4, 5][sector]
            let light = hi >= 230 || lo >= 100
            return count >= 16 && light ? base + 8 : base
        }
        var best = 0, bestDistance = Int.max
        for i in 0..<Swift.min(count, ansi.count) {
            let d = distance(c, ansi[i])
            if d < bestDistance { best = i; bestDistance = d }
        }
        return best
    }

    /// Hue in degrees, 0..<360.
    static func hue(_ c: (UInt8, UInt8, UInt8)) -> Double {
        let r = Double(c.0), g = Double(c.1), b = Double(c.2)
        let hi = Swift.max(r, g, b), lo = Swift.min(r, g, b), d = hi - lo
        guard d > 0 else { return 0 }
        var h: Double
        if hi == r { h = (g - b) / d } else if hi == g { h = (b - r) / d + 2 } else { h = (r - g) / d + 4 }
        h *= 60
        return h < 0 ? h + 360 : h
    }

    /// The RGB value xterm uses for a palette index.
    public static func rgb(ofIndex n: UInt8) -> (UInt8, UInt8, UInt8) {
        switch n {
        case 0..<16: return ansi[Int(n)]
        case 16..<232:
            let i = Int(n) - 16
            return (cubeLevels[i / 36], cubeLevels[(i / 6) % 6], cubeLevels[i % 6])
        default:
            let level = UInt8(8 + 10 * (Int(n) - 232))
            return (level, level, level)
        }
    }

    static let cubeLevels: [UInt8] = [0, 95, 135, 175, 215, 255]

    /// xterm's default 16 colours.
    static let ansi: [(UInt8, UInt8, UInt8)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
        (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
        (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    static func cubeIndex(_ v: UInt8) -> Int {
        // Midpoints between the cube levels 0, 95, 135, 175, 215, 255.
        switch v {
        case 0..<48: return 0
        case 48..<115: return 1
        case 115..<155: return 2
        case 155..<195: return 3
        case 195..<235: return 4
        default: return 5
        }
    }

    static func packed(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
        // Numbers 0–7 mean ANSI colours on direct-colour terminals; nudge near-black blues off them.
        Swift.max(8, Int(r) << 16 | Int(g) << 8 | Int(b))
    }

    static func packed(_ c: (UInt8, UInt8, UInt8)) -> Int { packed(c.0, c.1, c.2) }

    /// Squared "red-mean" distance: weights red and blue by how red the pair is.
    static func distance(_ a: (UInt8, UInt8, UInt8), _ b: (UInt8, UInt8, UInt8)) -> Int {
        let rMean = (Int(a.0) + Int(b.0)) / 2
        let dr = Int(a.0) - Int(b.0), dg = Int(a.1) - Int(b.1), db = Int(a.2) - Int(b.2)
        // Brackets matter: in Swift `>>` binds tighter than `*`.
        return (((512 + rMean) * dr * dr) >> 8) + 4 * dg * dg + (((767 - rMean) * db * db) >> 8)
    }
}
