import Foundation
import Testing
import ThriveCore
@testable import ThriveHistory

@Suite struct RoundTripTests {
    /// A body whose exact text matters: key order, number literals, escapes, non-ASCII.
    static let trickyBody = #"[{"user_id":"u_1","event_name":"signed_up","properties":{"price":1.50,"big":12345678901234567890,"exp":2e10,"neg":-0.0,"text":"quote \" backslash \\ tab \t nl \n é 😀 \u0001","empty":{},"list":[null,true,false,[]]},"timestamp":"2026-09-21T10:00:00Z"}]"#

    @Test func recordThenUpdateGivesBackTheSameEntry() throws {
        try withTemporaryDirectory { dir in
            let store = try SQLiteHistoryStore.open(at: dir.appendingPathComponent("history.sqlite"))
            let body = try JSONParser.parse(Self.trickyBody)
            var e = TestEntries.entry(1, events: body.arrayValue!, target: TestEntries.live, profile: "production")
            e.requestHeaders = [Header("content-type", "application/json"), Header("X-Trace", "b"), Header("x-trace", "a")]
            try store.record(e)
            #expect(try store.entry(id: e.id) == e)

            let statuses: [HistoryEntry.Status] = [
                .answered(status: 200), .answered(status: 429), .failed(kind: "timeout", message: "no answer in 30 s"),
                .failed(kind: "cancelled", message: "cancelled with Esc"), .interrupted,
            ]
            for (i, status) in statuses.enumerated() {
                let done = TestEntries.finished(e, status, body: i % 2 == 0 ? "{\"ok\":true}" : "", summary: "outcome \(i)",
                                                latency: i == 2 ? nil : 0.25, retries: i)
                try store.update(done)
                let back = try #require(try store.entry(id: e.id))
                #expect(back == done)
                #expect(back.requestBody.compact() == body.compact())
                #expect(back.requestHeaders.map(\.name) == ["content-type", "X-Trace", "x-trace"])
                #expect(back.outcome == done.outcome)
            }
            try store.checkSearchIndex()
        }
    }

    @Test func updateOfAnUnknownIdIsIgnored() throws {
        try withTemporaryDirectory { dir in
            let store = try SQLiteHistoryStore.open(at: dir.appendingPathComponent("h.sqlite"))
            try store.update(TestEntries.finished(TestEntries.entry(5, events: []), .answered(status: 200), summary: "x"))
            #expect(try store.count(matching: HistoryQuery()) == 0)
        }
    }

    @Test func zeroByteFileOpensAndGetsTheSchema() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("empty.sqlite")
            #expect(FileManager.default.createFile(atPath: url.path, contents: Data()))
            let store = try SQLiteHistoryStore.open(at: url)
            #expect(try store.count(matching: HistoryQuery()) == 0)
            try store.record(TestEntries.entry(1, events: [TestEntries.event("signed_up", user: "u_1")]))
            #expect(try store.count(matching: HistoryQuery()) == 1)
        }
    }

    @Test func newFileAndFoldersArePrivate() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("a/b/history.sqlite")
            _ = try SQLiteHistoryStore.open(at: url)
            let file = try FileManager.default.attributesOfItem(atPath: url.path)
            let folder = try FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent("a/b").path)
            #expect((file[.posixPermissions] as? Int).map { $0 & 0o077 } == 0)
            #expect((folder[.posixPermissions] as? Int).map { $0 & 0o077 } == 0)
        }
    }

    @Test func reopeningKeepsRows() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("history.sqlite")
            let entries = TestEntries.varied()
            do {
                let (store, _) = try filledStores(entries, at: url)
                try store.close()
            }
            let again = try SQLiteHistoryStore.open(at: url)
            let memory = InMemoryHistoryStore(entries: entries)
            #expect(try again.count(matching: HistoryQuery()) == entries.count)
            #expect(try again.entries() == memory.entries())
        }
    }

    @Test func idPrefixLookupIsCaseInsensitiveAndNewestFirst() throws {
        try withTemporaryDirectory { dir in
            let (store, memory) = try filledStores(TestEntries.varied(), at: dir.appendingPathComponent("h.sqlite"))
            for prefix in ["", "0000000", "0000001", "0000001a", "0000001A-0000", "zz", "00000029-0000-4000-8000-000000000029"] {
                #expect(try store.entries(idPrefix: prefix, limit: 5) == memory.entries(idPrefix: prefix, limit: 5), "\(prefix)")
            }
            #expect(try store.entries(idPrefix: "0", limit: 0).isEmpty)
        }
    }

    @Test func forEachStreamsNewestFirstWithLimit() throws {
        try withTemporaryDirectory { dir in
            let entries = (0..<600).map { TestEntries.entry($0, events: [TestEntries.event("page_visit", user: "u_\($0 % 3)")]) }
            let url = dir.appendingPathComponent("h.sqlite")
            let store = try SQLiteHistoryStore.open(at: url)
            try store.recordFinished(entries)
            let memory = InMemoryHistoryStore(entries: entries)
            #expect(try store.entries().map(\.id) == memory.entries().map(\.id))
            #expect(try store.entries(limit: 300).map(\.id) == memory.entries(limit: 300).map(\.id))
            let q = HistoryQuery(terms: [.user("u_1")])
            #expect(try store.entries(matching: q, limit: 257).map(\.id) == memory.entries(matching: q, limit: 257).map(\.id))
            // The body may use the store: batches are read outside any database access.
            var seen = 0
            try store.forEach(matching: HistoryQuery(), limit: 3) { (e: HistoryEntry) throws in
                seen += 1
                #expect(try store.entry(id: e.id) == e)
            }
            #expect(seen == 3)
        }
    }
}
