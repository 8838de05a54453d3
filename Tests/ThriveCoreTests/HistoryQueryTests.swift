import Foundation
import Testing
@testable import ThriveCore

@Suite("History query language")
struct HistoryQueryTests {
    let now = Date(timeIntervalSince1970: 1_790_000_000)

    func parse(_ text: String) throws -> [HistoryQuery.Term] {
        try HistoryQuery.parse(text, now: now).get().terms
    }

    @Test func eachFilter() throws {
        #expect(try parse("status:4xx") == [.status(400...499)])
        #expect(try parse("status:429") == [.status(429...429)])
        #expect(try parse("event:signed_up") == [.event("signed_up")])
        #expect(try parse("user:u-1 group:g-2") == [.user("u-1"), .group("g-2")])
        #expect(try parse("target:LIVE") == [.target("live")])
        #expect(try parse("failed") == [.failed])
        #expect(try parse("since:1h") == [.since(now.addingTimeInterval(-3_600))])
        #expect(try parse("since:30m before:2d") == [.since(now.addingTimeInterval(-1_800)), .before(now.addingTimeInterval(-172_800))])
        #expect(try parse("before:2026-11-01") == [.before(Date(timeIntervalSince1970: 1_793_491_200))])
    }

    @Test func textStaysTextAndPhrasesStayTogether() throws {
        #expect(try parse("acme http://x.io/a") == [.text("acme"), .text("http://x.io/a")])
        #expect(try parse("\"jane doe\" status:2xx") == [.text("jane doe"), .status(200...299)])
        #expect(try parse("  ").isEmpty)
    }

    @Test func aBadFilterValueIsAnErrorNotAMatchAll() {
        #expect(HistoryQuery.parse("status:4x", now: now) == .failure(HistoryQueryError("status:4x is not a status; write status:429 or status:4xx")))
        #expect(HistoryQuery.parse("since:yesterday", now: now).map(\.terms) != .success([]))
        if case .failure(let e) = HistoryQuery.parse("since:", now: now) { #expect(e.message.hasPrefix("since: needs a value")) } else { Issue.record("accepted") }
    }

    @Test func aMistypedFilterNameIsAnErrorButURLsAndTimesStayText() throws {
        guard case .failure(let e) = HistoryQuery.parse("stauts:4xx", now: now) else { Issue.record("a typo matched as text"); return }
        #expect(e.message.hasPrefix("stauts: is not a filter"))
        #expect(try parse("12:30 https://x.io \"plan:pro\"") == [.text("12:30"), .text("https://x.io"), .text("plan:pro")])
    }
}
