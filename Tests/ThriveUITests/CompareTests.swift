import Foundation
import TerminalScreen
import Testing
import ThriveCore

@testable import ThriveUI

/// `m` on one history entry and `=` on another: what differs between the two sends, section by section.
@Suite struct CompareTests {
    /// Two sends: A answered 200; B, a second later, with a changed plan, a new seat count, no user name,
    /// answered 429. The history pane has the focus, B selected.
    static func twoSends(width: Int = 100, height: Int = 30) throws -> (AppState, a: UUID, b: UUID) {
        var s = Fixtures.state(width: width, height: height)
        s.composer.set(.string("pro"), at: JSONPointer(["properties", "plan"]))
        let (a, ra) = try Fixtures.send(&s)
        _ = update(&s, .sendFinished(id: a, report: Fixtures.report(ra, status: 200, body: #"{"success":true,"eventId":"evt_1"}"#)))
        s.now = Fixtures.now.addingTimeInterval(1)
        s.composer.set(.string("team"), at: JSONPointer(["properties", "plan"]))
        s.composer.set(.int(5), at: JSONPointer(["properties", "seats"]))
        s.composer.set(nil, at: JSONPointer(["properties", "user_name"]))
        let (b, rb) = try Fixtures.send(&s)
        _ = update(&s, .sendFinished(id: b, report: Fixtures.report(rb, status: 429, body: #"{"success":false,"error":"slow down"}"#)))
        s.focus = .history
        return (s, a, b)
    }

    static func text(_ s: AppState) -> [String] {
        guard let o = s.overlay?.textOverlay else { return [] }
        return o.lines.map { $0.map(\.text).joined() }
    }

    @Test func markThenEqualsComparesTheTwoEntries() throws {
        var (s, a, b) = try Self.twoSends()
        _ = Fixtures.key(&s, .home, .char("m"), .end, .char("="))
        guard case .compare(let first, let second, _)? = s.overlay else { Issue.record("no compare overlay: \(s.status?.text ?? "")"); return }
        #expect(first == a && second == b, "A is the marked entry")
        let lines = Self.text(s)
        #expect(lines.first?.hasPrefix("A: 14:13:20 signed_up (marked) · B: 14:13:21 signed_up") == true, "\(lines.first ?? "")")
        #expect(lines.contains(#"  ~ properties.plan: "pro" → "team""#))
        #expect(lines.contains("  + properties.seats: 5"))
        #expect(lines.contains(#"  - properties.user_name: "Jane Doe""#))
        #expect(lines.contains("  ~ status: 200 OK → 429 Too Many Requests"))
        #expect(lines.contains(#"  ~ success: true → false"#))
        #expect(lines.contains(#"  - eventId: "evt_1""#))
        #expect(lines.contains(#"  + error: "slow down""#))
        // Nothing else differs: the request line, both header sections say so.
        let request = try #require(lines.firstIndex(of: "Request"))
        #expect(lines[request + 1] == "  same")
        let headers = try #require(lines.firstIndex(of: "Request headers"))
        #expect(lines[headers + 1] == "  same")
        let response = try #require(lines.firstIndex(of: "Response headers"))
        #expect(lines[response + 1] == "  same")
    }

    @Test func coloursSayRemovedAddedAndChanged() throws {
        var (s, a, b) = try Self.twoSends()
        s.openCompare(a, b)
        let o = try #require(s.overlay?.textOverlay)
        func line(_ prefix: String) -> StyledLine? { o.lines.first { $0.map(\.text).joined().hasPrefix(prefix) } }
        #expect(line("  + properties.seats")?.allSatisfy { $0.role == .success } == true)
        #expect(line("  - properties.user_name")?.allSatisfy { $0.role == .error } == true)
        let changed = try #require(line("  ~ properties.plan"))
        #expect(changed.contains(StyledRun(#""pro""#, .error)) && changed.contains(StyledRun(#""team""#, .success)))
        let status = try #require(line("  ~ status"))
        #expect(status.contains(StyledRun("429 Too Many Requests", .status4xx)))
    }

    @Test func equalsWithoutAMarkOrOnTheMarkedEntryExplains() throws {
        var (s, _, _) = try Self.twoSends()
        _ = Fixtures.key(&s, .char("="))
        #expect(s.overlay == nil && s.status?.kind == .warning)
        _ = Fixtures.key(&s, .char("m"), .char("="))
        #expect(s.overlay == nil && s.status?.kind == .warning)
    }

    @Test func aGoneEntryIsReportedInTheStatusLine() throws {
        var (s, a, _) = try Self.twoSends()
        s.openCompare(a, UUID())
        #expect(s.overlay == nil)
        #expect(s.status == StatusMessage("cannot compare: the selected entry is no longer in the history", .error))
    }

    @Test func scrollKeysAndCloseKeys() throws {
        for close in [Key.escape, .char("q"), .enter] {
            var (s, a, b) = try Self.twoSends(width: 80, height: 20)
            s.openCompare(a, b)
            _ = Fixtures.key(&s, .end)
            #expect(s.overlay?.textOverlay?.scroll.isAtBottom == true)
            _ = Fixtures.key(&s, .char("g"))
            #expect(s.overlay?.textOverlay?.scroll.offset == 0)
            _ = Fixtures.key(&s, close)
            #expect(s.overlay == nil, "\(close) closes")
        }
    }

    @Test func aResizeReLaysTheComparison() throws {
        var (s, a, b) = try Self.twoSends()
        s.openCompare(a, b)
        let wide = try #require(s.overlay?.textOverlay?.lines.count)
        _ = update(&s, .terminal(.resize(Size(width: 60, height: 30))))
        guard case .compare(a, b, let o)? = s.overlay else { Issue.record("compare closed on resize"); return }
        #expect(o.lines.count >= wide)
        for line in o.lines { #expect(line.reduce(0) { $0 + DisplayWidth.of($1.text) } <= DetailContent.textWidth(s.layout)) }
    }

    @Test func headersCompareByNameIgnoringCase() {
        let lines = CompareContent.headers([Header("Content-Type", "application/json"), Header("X-Trace", "1"), Header("x-old", "gone")],
                                           [Header("content-type", "application/json"), Header("x-trace", "2"), Header("X-New", "here")])
            .map { $0.map(\.text).joined() }
        #expect(lines == ["  ~ X-Trace: 1 → 2", "  - x-old: gone", "  + X-New: here"])
    }

    @Test func batchesOfDifferentLengthsSayTheCounts() throws {
        let a = try JSONParser.parse(#"[{"user_id":"u1"}]"#), b = try JSONParser.parse(#"[{"user_id":"u1"},{"user_id":"u2"}]"#)
        let lines = CompareContent.json(a, b, batch: true).map { $0.map(\.text).joined() }
        #expect(lines == ["  ~ batch: 1 events → 2 events", #"  + [1]: {"user_id":"u2"}"#])
        #expect(CompareContent.json(a, a, batch: true).isEmpty)
    }

    @Test func bodiesThatAreNotJSONShowTheChangedLines() {
        let lines = CompareContent.responseBody("<html>\n<p>ok</p>\n</html>", "<html>\n<p>busy</p>\n</html>").map { $0.map(\.text).joined() }
        #expect(lines == ["  from line 2:", "  - <p>ok</p>", "  + <p>busy</p>"])
        #expect(CompareContent.responseBody("same", "same").isEmpty)
        #expect(CompareContent.responseBody("", "oops").map { $0.map(\.text).joined() } == ["  + oops"])
    }

    @Test func failuresCompareByOutcome() {
        let lines = CompareContent.response(Self.entry(.answered(status: 200)), Self.entry(.failed(kind: "refused", message: "connection refused by 127.0.0.1:9")))
            .map { $0.map(\.text).joined() }
        #expect(lines == ["  ~ status: 200 OK → no response (refused)", "  ~ outcome: answered → failed: connection refused by 127.0.0.1:9"])
    }

    static func entry(_ status: HistoryEntry.Status) -> HistoryEntry {
        let request = RequestBuilder(target: .sandbox(port: 54321), apiKey: "k").build(endpoint: .track, body: .array([]))
        var e = HistoryEntry(id: UUID(), sentAt: Fixtures.now, request: request, target: "SANDBOX 127.0.0.1:54321")
        e.status = status
        return e
    }

    @Test func compareScreen() throws {
        var (s, _, _) = try Self.twoSends()
        _ = Fixtures.key(&s, .home, .char("m"), .end, .char("="))
        try Golden.check(render(s), "compare-100x30")
    }
}
