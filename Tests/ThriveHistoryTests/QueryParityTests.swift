import Foundation
import Testing
import ThriveCore
@testable import ThriveHistory

/// Every query term, checked against `InMemoryHistoryStore` (the reference meaning) on the same entries.
@Suite struct QueryParityTests {
    static let queries = [
        "", "status:4xx", "status:429", "status:2xx", "status:5xx", "status:503", "status:404",
        "event:signed_up", "event:SIGNED_UP", "event:page_visit", "event:nope",
        "user:u_123", "user:u_9", "user:u_12", "group:g_0", "group:g_2",
        "target:live", "target:sandbox", "target:custom", "target:localhost", "target:127.0.0.1", "target:thrivestack", "target:0.1:44971", "target:%", "target:_", "target:l",
        "failed", "since:10d", "since:29d", "before:29d", "since:2026-09-01", "before:2026-09-01",
        "signed_up", "sign", "SIGNED", "up", "u_12", "u_123", "u_1", "jane.doe@acme.com", "jane", "jane.doe", "acme", "doe@acme",
        "rate limited", "\"rate limited\"", "limited rate", "café", "CAFÉ", "zürich", "interrupted", "cancelled",
        "refused", "plan", "success", "nothingmatcheshere",
        "failed status:5xx", "event:page_visit user:u_9", "target:live signed_in", "failed target:sandbox jane",
        "status:4xx since:29d", "event:signed_up group:g_0 failed", "user:u_123 before:29d",
    ]

    @Test(arguments: queries)
    func agreesWithTheInMemoryStore(_ text: String) throws {
        let query = try HistoryQuery.parse(text, now: testNow).get()
        try withTemporaryDirectory { dir in
            let (store, memory) = try filledStores(TestEntries.varied(), at: dir.appendingPathComponent("h.sqlite"))
            let n = memory.count(matching: query)
            #expect(try store.count(matching: query) == n)
            #expect(try store.summaries(matching: query, in: 0..<100) == memory.summaries(matching: query, in: 0..<100))
            #expect(try store.entries(matching: query) == memory.entries(matching: query))
        }
    }

    @Test func targetTermsWithCapitalsAgreeToo() throws {
        try withTemporaryDirectory { dir in
            let (store, memory) = try filledStores(TestEntries.varied(), at: dir.appendingPathComponent("h.sqlite"))
            for t in ["LIVE", "Live", "live", "API", "api", "Sandbox"] {
                let q = HistoryQuery(terms: [.target(t)])
                #expect(try store.count(matching: q) == memory.count(matching: q), "\(t)")
            }
        }
    }

    @Test func theTestDataExercisesEveryTerm() throws {
        // A query that matches nothing (or everything) in both stores proves little: only these may.
        let memory = InMemoryHistoryStore(entries: TestEntries.varied())
        let total = memory.count(matching: HistoryQuery())
        let uninformative = try Self.queries.filter { text in
            let n = memory.count(matching: try HistoryQuery.parse(text, now: testNow).get())
            return n == 0 || n == total
        }
        #expect(Set(uninformative) == ["", "status:404", "event:nope", "user:u_12", "nothingmatcheshere", "target:%", "target:_"])
    }

    static let hostile = [
        "\"", "\"\"", "a\"b", "*", "**", "u_*", ":", "foo:bar", "(", ")", "(x OR y)", "NOT", "AND", "OR x", "NEAR(a b)",
        "'; DROP TABLE sends; --", "-u_1", "^signed", "+", "{", "}", "\\", "%", "_", "col:val", "names:signed_up",
        "😀", "日本語", "\u{0}", "a\u{0}b", "x y z \"unterminated",
    ]

    @Test(arguments: hostile)
    func anyTextIsSafe(_ text: String) throws {
        try withTemporaryDirectory { dir in
            let (store, _) = try filledStores(TestEntries.varied(), at: dir.appendingPathComponent("h.sqlite"))
            let parsed = HistoryQuery.parse(text, now: testNow)
            let queries = [HistoryQuery(terms: [.text(text)])] + ((try? parsed.get()).map { [$0] } ?? [])
            for q in queries {
                _ = try store.count(matching: q)
                _ = try store.summaries(matching: q, in: 0..<50)
                _ = try store.entries(matching: q, limit: 5)
                _ = try store.count(matching: HistoryQuery(terms: [.event(text), .user(text), .group(text), .target(text)]))
            }
            #expect(try store.count(matching: HistoryQuery()) == TestEntries.varied().count)
        }
    }

    @Test func ftsPhrasesQuoteUserText() {
        #expect(CompiledQuery.ftsMatch(["u_12"]) == "\"u_12\"*")
        #expect(CompiledQuery.ftsMatch(["a\"b", "x"]) == "\"a\"\"b\"* \"x\"*")
        #expect(CompiledQuery.ftsMatch([":", "*", "()"]) == nil)
    }
}
