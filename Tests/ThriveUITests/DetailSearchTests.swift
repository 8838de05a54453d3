import Foundation
import TerminalScreen
import Testing
import ThriveCore

@testable import ThriveUI

/// The details overlay: long lines wrap with a mark instead of being cut, `/` searches the request and
/// response, `n` / `N` step through matches, and the scroll keys reach both ends.
@Suite struct DetailSearchTests {
    /// One send answered with `body`, its details open.
    static func details(body: String, width: Int = 100, height: Int = 30) throws -> AppState {
        var s = Fixtures.state(width: width, height: height)
        let (id, r) = try Fixtures.send(&s)
        _ = update(&s, .sendFinished(id: id, report: Fixtures.report(r, status: 200, body: body)))
        s.focus = .history
        _ = Fixtures.key(&s, .enter)
        return s
    }

    /// A JSON body of 60 items, `Needle` in items 10, 30 and 50: three matches far apart.
    static let manyLines: String = {
        let items = (0..<60).map { k in #"{"n":\#(k),"tag":"\#(k % 20 == 10 ? "Needle-\(k)" : "hay")"}"# }
        return #"{"items":["# + items.joined(separator: ",") + "]}"
    }()

    static func overlay(_ s: AppState) -> TextOverlay? { s.overlay?.textOverlay }

    /// The overlay's text with continuation marks taken out, as one string per logical line.
    static func plainText(_ o: TextOverlay) -> String {
        o.lines.enumerated().map { i, runs in
            let text = runs.dropFirst(o.search?.index.continuation[i] == true ? 1 : 0).map(\.text).joined()
            return (o.search?.index.continuation[i] == true ? "" : "\n") + text
        }.joined()
    }

    @Test func longValuesWrapWithAMarkAndKeepTheirColour() throws {
        let value = String((0..<300).map { Character(UnicodeScalar(UInt8(97 + $0 % 26))) })
        var s = try Self.details(body: #"{"note":"\#(value)"}"#, width: 80, height: 24)
        let o = try #require(Self.overlay(s))
        #expect(Self.plainText(o).contains(#""note": "\#(value)""#), "the whole value is there, in order")
        let continued = o.lines.indices.filter { o.search!.index.continuation[$0] }
        #expect(continued.count >= 4, "300 columns at 70 columns a line")
        for i in continued {
            #expect(o.lines[i].first == StyledRun("  ↪ ", .muted), "a continuation starts with the mark at the line's indent")
            #expect(o.lines[i].dropFirst().allSatisfy { $0.role == .jsonString }, "the value keeps its colour")
            #expect(o.lines[i].reduce(0) { $0 + DisplayWidth.of($1.text) } <= DetailContent.textWidth(s.layout))
        }
        _ = Fixtures.key(&s, .end)
        let screen = render(s).text
        #expect(screen.contains("↪ "))
        #expect(screen.contains(String(value.suffix(20)) + "\""), "the end of the value is on screen, not cut off")
    }

    @Test func wideCharactersWrapByDisplayWidth() {
        let wide: StyledLine = [StyledRun("key: ", .muted), StyledRun(String(repeating: "漢字", count: 40), .text)]
        let wrapped = TextWrap.wrap([wide], width: 21)
        #expect(wrapped.lines.count > 1)
        for line in wrapped.lines { #expect(line.reduce(0) { $0 + DisplayWidth.of($1.text) } <= 21) }
        #expect(wrapped.lines.flatMap { $0.filter { $0.role == .text } }.map(\.text).joined() == String(repeating: "漢字", count: 40))
    }

    /// Mixed text at every width: nothing lost or reordered, no line too wide, and the index offsets agree
    /// with the characters drawn (the highlights depend on it).
    @Test func wrappingKeepsEveryCharacterAndTheIndexAgrees() {
        let texts = ["Ünïcødé e\u{301}e\u{301} 👨‍👩‍👧 🇫🇷🇩🇪 漢字かな ΣΑΣ İstanbul \r\n tab\tend", String(repeating: "aé漢👍🏽", count: 30), "\u{600}1 x"]
        for text in texts {
            for width in [8, 9, 10, 13, 21, 40] {
                let w = TextWrap.wrap([[StyledRun("  k: ", .muted), StyledRun(text, .text)]], width: width)
                var joined = ""
                for (i, line) in w.lines.enumerated() {
                    let body = line.dropFirst(w.index.continuation[i] ? 1 : 0)
                    joined += body.map(\.text).joined()
                    #expect(line.reduce(0) { $0 + DisplayWidth.of($1.text) } <= max(8, width), "\(width): \(line)")
                    let folded = body.reduce(0) { n, run in run.text.reduce(n) { $0 + SearchIndex.foldedLength($1) } }
                    #expect(w.index.lineStart[i] + folded == w.index.lineEnd(i), "line \(i) at \(width)")
                }
                #expect(joined == "  k: " + text)
            }
        }
    }

    @Test func typingSearchesLiveAndScrollsToTheMatch() throws {
        var s = try Self.details(body: Self.manyLines)
        _ = Fixtures.key(&s, .char("/"))
        #expect(s.keyContext == .detailSearch)
        Fixtures.type(&s, "NEEDLE-3")
        let o = try #require(Self.overlay(s))
        let search = try #require(o.search)
        #expect(search.total == 1 && search.ordinal == 1, "case-insensitive: Needle-30 only")
        let line = search.index.line(containing: try #require(search.current))
        #expect(o.scroll.visible.contains(line), "the match scrolled into view")
        #expect(o.lines[line].map(\.text).joined().contains("Needle-30"))
        let screen = render(s)
        #expect(screen.text.contains("/ NEEDLE-3"))
        #expect(screen.text.contains("match 1 of 1"))
        // The current match is painted more strongly than the text around it.
        let y = try #require((0..<screen.size.height).first { screen.line($0).contains("Needle-30") })
        let x = screen.line(y).distance(from: screen.line(y).startIndex, to: screen.line(y).range(of: "Needle-30")!.lowerBound)
        #expect(screen[x, y].bg == .warning && screen[x + 7, y].bg == .warning && screen[x + 8, y].bg == .surface)
    }

    @Test func nextAndPreviousCycleAndWrapAround() throws {
        var s = try Self.details(body: Self.manyLines)
        _ = Fixtures.key(&s, .char("/"))
        Fixtures.type(&s, "needle")
        #expect(Self.overlay(s)?.search?.ordinal == 1)
        _ = Fixtures.key(&s, .enter)
        #expect(s.keyContext == .detail, "Enter keeps the search and gives the keys back")
        #expect(s.status?.text.hasPrefix("match 1 of 3") == true)
        var seen: [String] = []
        for key in [Key.char("n"), .char("n"), .char("n"), .char("N"), .char("N")] {
            _ = Fixtures.key(&s, key)
            let o = try #require(Self.overlay(s))
            let line = o.search!.index.line(containing: o.search!.current!)
            #expect(o.scroll.visible.contains(line))
            seen.append(s.status?.text ?? "")
        }
        #expect(seen == ["match 2 of 3", "match 3 of 3", "match 1 of 3", "match 3 of 3", "match 2 of 3"])
        let text = Self.overlay(s)!.lines[Self.overlay(s)!.search!.index.line(containing: Self.overlay(s)!.search!.current!)].map(\.text).joined()
        #expect(text.contains("Needle-30"))
    }

    @Test func aSearchWithNoMatchSaysSo() throws {
        var s = try Self.details(body: Self.manyLines)
        _ = Fixtures.key(&s, .char("/"))
        Fixtures.type(&s, "zebra")
        #expect(render(s).text.contains(#"no match for "zebra""#))
        _ = Fixtures.key(&s, .enter, .char("n"))
        #expect(s.status == StatusMessage(#"no match for "zebra""#, .warning))
    }

    @Test func escClosesTheSearchLineThenTheOverlay() throws {
        var s = try Self.details(body: Self.manyLines)
        _ = Fixtures.key(&s, .char("/"))
        Fixtures.type(&s, "qn")
        #expect(Self.overlay(s)?.search?.query == "qn", "q and n are text while typing, not close or next")
        _ = Fixtures.key(&s, .escape)
        #expect(s.keyContext == .detail)
        #expect(Self.overlay(s)?.showsSearchLine == false)
        _ = Fixtures.key(&s, .escape)
        #expect(s.overlay == nil)

        // A kept search goes first too, then q closes as before.
        s = try Self.details(body: Self.manyLines)
        _ = Fixtures.key(&s, .char("/"))
        Fixtures.type(&s, "hay")
        _ = Fixtures.key(&s, .enter, .char("q"))
        #expect(Self.overlay(s)?.showsSearchLine == false)
        _ = Fixtures.key(&s, .char("q"))
        #expect(s.overlay == nil)
    }

    @Test func pasteGoesIntoTheSearchLine() throws {
        var s = try Self.details(body: Self.manyLines)
        _ = Fixtures.key(&s, .char("/"))
        _ = update(&s, .terminal(.paste("Needle-5")))
        #expect(Self.overlay(s)?.search?.query == "Needle-5" && Self.overlay(s)?.search?.total == 1)
    }

    @Test func homeEndAndGJumpToTheEnds() throws {
        var s = try Self.details(body: Self.manyLines)
        for (key, atBottom) in [(Key.end, true), (.home, false), (.char("G"), true), (.char("g"), false)] {
            _ = Fixtures.key(&s, key)
            let scroll = try #require(Self.overlay(s)?.scroll)
            #expect(scroll.isAtBottom == atBottom && (atBottom || scroll.offset == 0), "\(key)")
        }
    }

    @Test func aResizeKeepsTheSearchAndThePlace() throws {
        var s = try Self.details(body: Self.manyLines)
        _ = Fixtures.key(&s, .char("/"))
        Fixtures.type(&s, "needle")
        _ = Fixtures.key(&s, .enter, .char("n"))
        let before = try #require(Self.overlay(s)?.search?.current)
        _ = update(&s, .terminal(.resize(Size(width: 70, height: 24))))
        let o = try #require(Self.overlay(s))
        #expect(o.search?.current == before && o.search?.ordinal == 2 && o.showsSearchLine)
        #expect(o.scroll.visible.contains(o.search!.index.line(containing: before)))
    }

    /// A large raw body is laid out in one pass and searched to its end (a quadratic wrap would not finish).
    @Test func aLargeBodyWrapsAndSearchesToTheEnd() throws {
        let body = String(repeating: "0123456789", count: 100_000) + "END"
        var s = try Self.details(body: body)
        let o = try #require(Self.overlay(s))
        #expect(o.lines.count > 10_000)
        _ = Fixtures.key(&s, .char("/"))
        Fixtures.type(&s, "end")
        let search = try #require(Self.overlay(s)?.search)
        #expect(search.total == 1)
        #expect(Self.overlay(s)!.scroll.isAtBottom)
    }

    @Test func searchScreen() throws {
        var s = try Self.details(body: Self.manyLines)
        _ = Fixtures.key(&s, .char("/"))
        Fixtures.type(&s, "needle")
        _ = Fixtures.key(&s, .enter, .char("n"))
        try Golden.check(render(s), "detail-search-100x30")
    }
}

extension DetailSearchTests {
    @Test func nothingIsSentFromUnderTheDetailSearch() throws {
        var s = Fixtures.state(width: 100, height: 30)
        let (id, request) = try Fixtures.send(&s)
        _ = update(&s, .sendFinished(id: id, report: Fixtures.report(request, status: 200, body: "{}")))
        s.focus = .history
        _ = Fixtures.key(&s, .enter, .char("/"))
        #expect(s.keyContext == .detailSearch)
        #expect(Fixtures.key(&s, .ctrl("s")).isEmpty, "^S under the overlay would send a draft the user cannot see")
        #expect(Fixtures.key(&s, .function(2)).isEmpty)
        #expect(s.keyContext == .detailSearch)
    }
}
