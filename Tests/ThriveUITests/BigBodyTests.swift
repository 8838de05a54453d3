import Foundation
import TerminalScreen
import Testing
import ThriveCore
@testable import ThriveUI

/// Big response bodies are laid out from bytes and styled row by row; they must look exactly like the small-body
/// path (text, colours, wrapping, search index), just without building every row up front.
@Suite("Big response bodies in the details")
struct BigBodyTests {
    static let bodies = [
        #"{"a":1,"b":[true,false,null],"c":{"d":"x y","e":[]},"f":{},"g":-1.5e3}"#,
        #"[{"id":"evt_1","note":"\#(String(repeating: "long text ", count: 30))"},{"id":"evt_2","nested":{"deep":[1,[2,[3]]]}}]"#,
        #"{"esc":"quote \" and \\ backslash","uni":"café 日本語 ✓","emoji":"👍🏽 ok"}"#,
        #"  [ 1 , 2 ,  "three" ]  "#,
    ]

    /// Every row as (text, role per character), so run boundaries do not matter, only what is drawn.
    private func cells(_ lines: some Collection<StyledLine>) -> [[(Character, Role)]] {
        lines.map { line in line.flatMap { run in run.text.map { ($0, run.role) } } }
    }

    @Test(arguments: bodies, [20, 44, 100])
    func bigAndSmallLayoutsDrawTheSame(body: String, width: Int) throws {
        let small = TextWrap.wrap(JSONStyling.lines(try JSONParser.parse(body)), width: width)
        var index = SearchIndex(folded: [], lineStart: [], continuation: [])
        let big = BigBody.layout(body, width: width, appendingTo: &index)
        let rows = (0..<big.rowCount).map(big.row)
        #expect(rows.count == small.lines.count)
        let a = cells(rows), b = cells(small.lines)
        for (k, (x, y)) in zip(a, b).enumerated() {
            #expect(String(x.map(\.0)) == String(y.map(\.0)), "row \(k) text")
            // Spaces take the muted colour either way; what matters is that every visible character matches.
            #expect(x.filter { $0.0 != " " }.map(\.1) == y.filter { $0.0 != " " }.map(\.1), "row \(k) colours: \(String(x.map(\.0)))")
        }
        #expect(index.lineStart == small.index.lineStart)
        #expect(index.continuation == small.index.continuation)
        #expect(index.folded == small.index.folded)
    }

    @Test func textThatIsNotJSONIsShownAsReceived() {
        var index = SearchIndex(folded: [], lineStart: [], continuation: [])
        let big = BigBody.layout("line one\r\nline two {not json\n", width: 40, appendingTo: &index)
        #expect(!big.isJSON)
        #expect((0..<big.rowCount).map { big.row($0).map(\.text).joined() } == ["line one", "line two {not json", ""])
    }

    @Test func aBigResponseOpensSearchesAndScrolls() throws {
        var items = (0..<6_000).map { #"{"id":"evt_\#($0)","ok":true,"note":"\#(String(repeating: "x", count: 20))"}"# }
        items[5_990] = #"{"id":"needle_here","ok":false}"#
        let body = "[" + items.joined(separator: ",") + "]"
        #expect(body.utf8.count >= BigBody.threshold)
        var s = Fixtures.state(width: 100, height: 30)
        let (id, request) = try Fixtures.send(&s)
        _ = update(&s, .sendFinished(id: id, report: Fixtures.report(request, status: 200, body: body)))
        s.focus = .history
        _ = Fixtures.key(&s, .enter)
        guard case .detail(_, let opened)? = s.overlay else { Issue.record("no details"); return }
        #expect(opened.lines.count > 6_000 * 5)
        _ = Fixtures.key(&s, .char("/"))
        Fixtures.type(&s, "NEEDLE_h")
        #expect(s.overlay?.textOverlay?.search?.summary == "match 1 of 1")
        let text = render(s).text
        #expect(text.contains("\"needle_here\""), "the view jumped to the match near the end")
        _ = Fixtures.key(&s, .enter, .char("g"))
        #expect(render(s).text.contains("200 OK"), "g goes back to the top")
    }
}
