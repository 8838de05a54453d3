import Foundation
import Testing
import ThriveCore
@testable import ThriveHistory

@Suite struct PruneTests {
    /// One entry a day for 10 days, each with a word of its own so the search index can be checked too.
    static func daily() -> [HistoryEntry] {
        (0..<10).map { n in
            let e = TestEntries.entry(n, events: [TestEntries.event("feature_used", user: "u_\(n)", group: "g_\(n)",
                                                                    extra: [("marker", .string("marker\(n)x"))])],
                                      sentAt: testNow.addingTimeInterval(Double(n - 10) * 86_400))
            return TestEntries.finished(e, .answered(status: 200), body: "{\"reply\":\"reply\(n)x\"}", summary: "200 OK")
        }
    }

    func expectSame(_ store: SQLiteHistoryStore, _ memory: InMemoryHistoryStore) throws {
        #expect(try store.entries() == memory.entries())
        for n in 0..<10 {
            let kept = memory.all.contains { $0.id == TestEntries.uuid(n) }
            for term: HistoryQuery.Term in [.text("marker\(n)x"), .text("reply\(n)x"), .user("u_\(n)"), .group("g_\(n)")] {
                #expect(try store.count(matching: HistoryQuery(terms: [term])) == (kept ? 1 : 0), "\(term)")
            }
        }
    }

    @Test func pruneByAgeThenByCount() throws {
        try withTemporaryDirectory { dir in
            let (store, memory) = try filledStores(Self.daily(), at: dir.appendingPathComponent("h.sqlite"))
            let cutoff = testNow.addingTimeInterval(-6.5 * 86_400)
            #expect(try store.prune(olderThan: cutoff, keepNewest: nil) == 4)
            try store.checkSearchIndex()
            #expect(memory.prune(olderThan: cutoff, keepNewest: nil) == 4)
            try expectSame(store, memory)
            #expect(try store.prune(olderThan: nil, keepNewest: 3) == 3)
            #expect(memory.prune(olderThan: nil, keepNewest: 3) == 3)
            try expectSame(store, memory)
            #expect(try store.prune(olderThan: nil, keepNewest: 5) == 0)
            #expect(try store.prune(olderThan: testNow.addingTimeInterval(-2.5 * 86_400), keepNewest: 1) == 2)
            #expect(memory.prune(olderThan: testNow.addingTimeInterval(-2.5 * 86_400), keepNewest: 1) == 2)
            try expectSame(store, memory)
            #expect(try store.prune(olderThan: nil, keepNewest: 0) == 1)
            #expect(try store.count(matching: HistoryQuery()) == 0)
            try store.checkSearchIndex()
        }
    }

    @Test func pruneKeepsTheFileUsable() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("h.sqlite")
            let (store, _) = try filledStores(Self.daily(), at: url)
            _ = try store.prune(olderThan: nil, keepNewest: 2)
            try store.record(TestEntries.entry(20, events: [TestEntries.event("signed_up", user: "u_20")]))
            try store.close()
            let again = try SQLiteHistoryStore.open(at: url)
            #expect(try again.count(matching: HistoryQuery()) == 3)
            #expect(try again.summaries(matching: HistoryQuery(), in: 0..<3).map(\.id)
                == [TestEntries.uuid(8), TestEntries.uuid(9), TestEntries.uuid(20)])
        }
    }
}

extension PruneTests {
    /// Another program's send in flight must still have its row when it ends: prune by age or by count skips it,
    /// in both stores.
    @Test func aSendInFlightIsNeverPruned() throws {
        try withTemporaryDirectory { dir in
            let old = TestEntries.entry(99, events: [TestEntries.event("signed_up", user: "u_flight")],
                                        sentAt: testNow.addingTimeInterval(-30 * 86_400))
            let (store, memory) = try filledStores(Self.daily() + [old], at: dir.appendingPathComponent("h.sqlite"))
            #expect(try store.entry(id: old.id)?.outcome == .inFlight)
            _ = try store.prune(olderThan: testNow, keepNewest: nil)
            _ = memory.prune(olderThan: testNow, keepNewest: nil)
            #expect(try store.entry(id: old.id) != nil && memory.entry(id: old.id) != nil)
            _ = try store.prune(olderThan: nil, keepNewest: 0)
            _ = memory.prune(olderThan: nil, keepNewest: 0)
            #expect(try store.entries().map(\.id) == [old.id] && memory.all.map(\.id) == [old.id])
        }
    }
}
