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

    @Test func aFastBurstIsKeysNotAPaste() {
        // Ten quick j presses arrive in one read; each must move a row, none may be taken for a paste.
        #expect(decode("jjjjjjjjjj") == Array(repeating: .key(.char("j")), count: 10))
        #expect(decode("e2e@example.com\r").last == .key(.enter))
        #expect(!decode("first line here\r\nsecond line\r").contains { if case .paste = $0 { return true }; return false })
    }

    @Test func aPasteSpanningReadsArrivesWhole() {
        var d = InputDecoder()
        let first = d.decode([.pasteStart] + "ab".unicodeScalars.map { .scalar($0) })
        let second = d.decode("c\r\nd".unicodeScalars.map { .scalar($0) } + [.pasteEnd, .scalar("j")])
        #expect(first.isEmpty, "nothing until the end marker")
        #expect(second == [.paste("abc\nd"), .key(.char("j"))])
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
