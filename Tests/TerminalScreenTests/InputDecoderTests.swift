import Testing
@testable import TerminalScreen

@Suite("Input decoding")
struct InputDecoderTests {
    private func decode(_ text: String) -> [TerminalEvent] {
        var d = InputDecoder()
        return d.decode(text.unicodeScalars.map { .scalar($0) })
    }

    @Test func shortRunsAreKeys() {
        #expect(decode("ab\r") == [.key(.char("a")), .key(.char("b")), .key(.enter)])
        #expect(decode("\u{13}") == [.key(.ctrl("s"))])
    }

    @Test func longRunsArePastesButATrailingEnterStaysAKey() {
        #expect(decode("e2e@example.com\r") == [.paste("e2e@example.com"), .key(.enter)])
        #expect(decode("first line here\r\nsecond line\r") == [.paste("first line here\nsecond line"), .key(.enter)])
        #expect(decode("a long value\t") == [.paste("a long value"), .key(.tab)])
    }

    @Test func escapeThenLetterIsAlt() {
        #expect(decode("\u{1B}b") == [.key(.alt("b"))])
    }

    @Test func bracketedPasteKeepsEverything() {
        var d = InputDecoder()
        let events = d.decode([.pasteStart] + "x\r".unicodeScalars.map { .scalar($0) } + [.pasteEnd])
        #expect(events == [.paste("x\n")])
    }
}
