import Testing
@testable import TerminalScreen

@Suite("Colour mapping")
struct ColorMapperTests {
    @Test func exactPaletteColoursMapToThemselves() {
        for n in [16, 21, 46, 114, 175, 203, 221, 231] {
            let (r, g, b) = ColorMapper.rgb(ofIndex: UInt8(n))
            #expect(ColorMapper.nearest256(r, g, b) == n, "index \(n)")
        }
        #expect(ColorMapper.nearest256(128, 128, 128) == 244, "mid grey lands on the grey ramp")
    }

    @Test func distanceWeighsEveryChannel() {
        // Regression: `>>` binding tighter than `*` zeroed the red and blue terms for small differences.
        #expect(ColorMapper.distance((100, 0, 0), (0, 0, 0)) > 0)
        #expect(ColorMapper.distance((0, 0, 100), (0, 0, 0)) > 0)
        #expect(ColorMapper.distance((255, 0, 0), (0, 0, 0)) == ((512 + 127) * 255 * 255) >> 8)
    }

    @Test func pastelsKeepTheirHueOn256Colours() {
        // #a6e3a1 (pale green) must not turn grey.
        let n = ColorMapper.nearest256(0xa6, 0xe3, 0xa1)
        #expect(n >= 16 && n < 232, "got \(n)")
    }

    @Test func sixteenColoursKeepHueAndGreys() {
        let m = ColorMapper(depth: .ansi16)
        #expect([2, 10].contains(m.number(for: .rgb(0xa6, 0xe3, 0xa1))), "pale green stays green")
        #expect([1, 9].contains(m.number(for: .rgb(0xff, 0x79, 0x79))), "pale red stays red")
        #expect([7, 15].contains(m.number(for: .rgb(0xf8, 0xf8, 0xf2))), "near white stays white")
        #expect(m.number(for: .rgb(0x80, 0x80, 0x80)) == 8, "grey stays grey")
        #expect(m.number(for: .indexed(203)) != m.number(for: .indexed(114)), "5xx and 2xx differ")
        #expect(m.number(for: .terminalDefault) == -1)
    }

    @Test func eightColoursFoldBrightOnes() {
        let m = ColorMapper(depth: .ansi8)
        #expect(m.number(for: .indexed(9)) == 1)
        #expect(m.number(for: .rgb(0, 0xd7, 0)) == 2)
    }
}
