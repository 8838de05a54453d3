import TerminalScreen
import Testing
@testable import ThriveUI

@Suite("Raw JSON text area")
struct TextAreaTests {
    @Test(arguments: [["👍", "🏽"], ["क", "ि"], ["🇬", "🇧"], ["e", "\u{301}"]])
    func charactersThatMergeKeepTheCursorInTheLine(_ typed: [String]) {
        var area = TextArea(text: "")
        for piece in typed { area.insert(piece) }
        #expect(area.cursorColumn == area.lines[0].count)
        area.insert("x")
        area.apply(.deleteBackward, pageHeight: 10)
        area.apply(.deleteBackward, pageHeight: 10)
        #expect(area.text.isEmpty, "each Backspace removes one character, without a crash")
    }

    @Test func enterKeepsIndentationAndBackspaceJoinsLines() {
        var area = TextArea(text: "  {")
        area.apply(.lineEnd, pageHeight: 10)
        area.apply(.newline, pageHeight: 10)
        #expect(area.lines == ["  {", "    "])
        area.apply(.lineStart, pageHeight: 10)
        area.apply(.deleteBackward, pageHeight: 10)
        #expect(area.lines == ["  {    "])
    }

    @Test func pastedLineBreaksAreNormalised() {
        var area = TextArea(text: "[]")
        area.apply(.cursorRight, pageHeight: 10)
        area.insert("1,\r\n2")
        #expect(area.text == "[1,\n2]")
        #expect(area.cursorLine == 1 && area.cursorColumn == 1)
    }
}
