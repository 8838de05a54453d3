import Foundation
import Testing
import ThriveCore
@testable import ThriveHistory

@Suite struct CrashSafetyTests {
    @Test func openingMarksRowsOfDeadProcessesInterrupted() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("h.sqlite")
            let dead = try deadPID()
            let theirs = TestEntries.entry(1, events: [TestEntries.event("signed_up", user: "u_1")])
            let ours = TestEntries.entry(2, events: [TestEntries.event("signed_in", user: "u_2")])
            do {
                let store = try SQLiteHistoryStore.open(at: url)
                try store.record(theirs, ownerPID: dead)
                try store.record(ours)
                #expect(try store.entry(id: theirs.id)?.status == .inFlight)
            }
            let reopened = try SQLiteHistoryStore.open(at: url)
            let swept = try #require(try reopened.entry(id: theirs.id))
            #expect(swept.status == .interrupted)
            #expect(swept.outcome == .interrupted)
            #expect(swept.summary == "interrupted — outcome unknown")
            #expect(try reopened.entry(id: ours.id)?.status == .inFlight)
            // The new summary is searchable and `failed` now includes the row, like the in-memory meaning.
            #expect(try reopened.count(matching: HistoryQuery(terms: [.text("interrupted")])) == 1)
            #expect(try reopened.count(matching: HistoryQuery(terms: [.failed])) == 1)
            #expect(try reopened.sweepInterrupted() == 0)
            try reopened.checkSearchIndex()
        }
    }

    @Test func aSweepLeavesRowsOfLiveProcessesAlone() throws {
        try withTemporaryDirectory { dir in
            let store = try SQLiteHistoryStore.open(at: dir.appendingPathComponent("h.sqlite"))
            // pid 1 is alive in every process namespace (init); kill(1, 0) may say EPERM, which still means alive.
            try store.record(TestEntries.entry(1, events: []), ownerPID: 1)
            try store.record(TestEntries.entry(2, events: []), ownerPID: -4)
            #expect(try store.sweepInterrupted() == 1)
            #expect(try store.entry(id: TestEntries.uuid(1))?.status == .inFlight)
            #expect(try store.entry(id: TestEntries.uuid(2))?.status == .interrupted)
        }
    }

    @Test func twoWritersOnOneFileKeepEveryRow() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("thrive-history-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("h.sqlite")
        let a = try SQLiteHistoryStore.open(at: url)
        let b = try SQLiteHistoryStore.open(at: url)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (k, store) in [a, b].enumerated() {
                group.addTask {
                    for i in 0..<500 {
                        let n = k * 1_000 + i
                        var e = TestEntries.entry(n, events: [TestEntries.event("page_visit", user: "u_\(n)")])
                        try store.record(e)
                        e = TestEntries.finished(e, .answered(status: 200), body: "{\"ok\":true}", summary: "200 OK")
                        try store.update(e)
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try a.count(matching: HistoryQuery()) == 1_000)
        #expect(try b.count(matching: HistoryQuery(terms: [.status(200...200)])) == 1_000)
        #expect(try a.count(matching: HistoryQuery(terms: [.user("u_1499")])) == 1)
    }

    @Test func recordingAnIdAgainReplacesIt() throws {
        try withTemporaryDirectory { dir in
            let store = try SQLiteHistoryStore.open(at: dir.appendingPathComponent("h.sqlite"))
            let e = TestEntries.entry(1, events: [TestEntries.event("signed_up", user: "u_1")])
            try store.record(e)
            try store.record(TestEntries.entry(2, events: []))
            try store.record(e)
            #expect(try store.count(matching: HistoryQuery()) == 2)
            #expect(try store.summaries(matching: HistoryQuery(), in: 0..<2).map(\.id) == [TestEntries.uuid(2), e.id])
            #expect(try store.count(matching: HistoryQuery(terms: [.event("signed_up")])) == 1)
            #expect(try store.count(matching: HistoryQuery(terms: [.text("signed_up")])) == 1)
            try store.checkSearchIndex()
        }
    }
}
