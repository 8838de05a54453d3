import Foundation
import Testing
import ThriveCore
@testable import ThriveHistory

/// Pages of 1,000 rows, walked the way the UI walks them, against the in-memory store's positions.
@Suite struct PagingTests {
    static func fixtureEntries(_ count: Int, seed: UInt64, from start: Int = 0) -> [HistoryEntry] {
        var rng = SplitMix64(seed: seed)
        return (start..<start + count).map { i in
            HistoryFixtures.entry(&rng, sentAt: testNow.addingTimeInterval(Double(i) * 60 - 86_400 * 2))
        }
    }

    /// Compares pages with the in-memory store's. Its answer for the whole list is taken once per state (it filters
    /// every row on each call, which at 1,000 rows × hundreds of pages would dominate the test), then sliced the way
    /// `InMemoryHistoryStore.summaries` slices it.
    struct Walker {
        let store: SQLiteHistoryStore
        let memory: InMemoryHistoryStore
        let query: HistoryQuery
        private var expected: [HistorySummary] = []

        init(store: SQLiteHistoryStore, memory: InMemoryHistoryStore, query: HistoryQuery) {
            self.store = store; self.memory = memory; self.query = query
            refresh()
        }

        mutating func refresh() { expected = memory.summaries(matching: query, in: 0..<Int.max) }

        func check(_ range: Range<Int>, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let got = try store.summaries(matching: query, in: range)
            let want = Array(expected[range.clamped(to: 0..<expected.count)])
            #expect(got == want, "range \(range)", sourceLocation: sourceLocation)
        }

        /// From the newest page: up by a row and by a page, down again past the end, a jump to the start and back.
        func walk(page: Int = 20) throws {
            let n = expected.count
            #expect(try store.count(matching: query) == n)
            var lo = max(0, n - page)
            try check(lo..<lo + page)
            for _ in 0..<25 { lo -= 1; try check(lo..<lo + page) }
            for _ in 0..<10 { lo -= page; try check(lo..<lo + page) }
            for _ in 0..<5 { lo += 1; try check(lo..<lo + page) }
            for _ in 0..<(n / page + 3) { lo += page; try check(lo..<lo + page) }
            lo = 0
            try check(lo..<lo + page)
            for _ in 0..<3 { lo += page; try check(lo..<lo + page) }
            for _ in 0..<4 { lo -= 1; try check(lo..<lo + page) }
            lo = n / 2
            try check(lo..<lo + page)
            try check(lo + 1..<lo + 1 + page)
            try check(lo - page..<lo)
        }
    }

    static let queries = ["", "status:2xx", "failed", "event:signed_up", "u_1", "target:live status:4xx"]

    @Test(arguments: queries)
    func pagesAgreeWithTheInMemoryStore(_ text: String) throws {
        let query = try HistoryQuery.parse(text, now: testNow).get()
        try withTemporaryDirectory { dir in
            let entries = Self.fixtureEntries(1_000, seed: 7)
            let store = try SQLiteHistoryStore.open(at: dir.appendingPathComponent("h.sqlite"))
            try store.recordFinished(entries)
            let memory = InMemoryHistoryStore(entries: entries)
            var w = Walker(store: store, memory: memory, query: query)

            for r in [0..<20, 1..<21, 490..<510, 980..<1000, 990..<1010, 999..<1000, 1_000..<1_010, 5_000..<5_010,
                      0..<0, 0..<1_000, 400..<2_000, -5..<10] {
                try w.check(r)
            }
            try w.walk()

            // An update can move positions (a 200 becoming a 500 enters `failed`): cached anchors must not survive it.
            let target = entries[500]
            var changed = target
            changed.status = target.httpStatus == 500 ? .answered(status: 200) : .answered(status: 500)
            try store.update(changed)
            memory.update(changed)
            w.refresh()
            try w.walk(page: 7)

            // Appends keep old positions; the count grows.
            let more = Self.fixtureEntries(37, seed: 8, from: 1_000)
            for e in more { try store.record(e); memory.record(e) }
            w.refresh()
            try w.walk()

            #expect(try store.prune(olderThan: nil, keepNewest: 900) == memory.prune(olderThan: nil, keepNewest: 900))
            w.refresh()
            try w.walk(page: 50)
            try store.checkSearchIndex()
        }
    }

    @Test func twoStoresOnOneFileSeeEachOthersChanges() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("h.sqlite")
            let entries = Self.fixtureEntries(300, seed: 3)
            let a = try SQLiteHistoryStore.open(at: url)
            let b = try SQLiteHistoryStore.open(at: url)
            try a.recordFinished(entries)
            let memory = InMemoryHistoryStore(entries: entries)
            let q = HistoryQuery(terms: [.failed])
            let n = memory.count(matching: q)
            #expect(try b.summaries(matching: q, in: n - 10..<n) == memory.summaries(matching: q, in: n - 10..<n))
            // `a` changes a row `b` has anchors around; `b` must notice (the generation lives in the file).
            let flip = entries.last { $0.httpStatus == 200 }!
            var failed = flip
            failed.status = .answered(status: 500)
            try a.update(failed)
            memory.update(failed)
            let m = memory.count(matching: q)
            #expect(try b.count(matching: q) == m)
            #expect(try b.summaries(matching: q, in: m - 10..<m) == memory.summaries(matching: q, in: m - 10..<m))
            #expect(try b.summaries(matching: q, in: m - 11..<m - 1) == memory.summaries(matching: q, in: m - 11..<m - 1))
        }
    }
}
