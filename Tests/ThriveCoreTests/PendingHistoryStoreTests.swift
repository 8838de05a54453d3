import Foundation
import Synchronization
import Testing
import ThriveCore

/// The history opened after the first frame: the pane's reads never wait and never start the opening, and no
/// write is lost to the store not being open yet.
@Suite("Pending history store")
struct PendingHistoryStoreTests {
    /// Opening that waits for `gate`, counts its runs, and hands over `store`.
    final class Opener: Sendable {
        let store = InMemoryHistoryStore()
        let gate = DispatchSemaphore(value: 0)
        let runs = Atomic<Int>(0)
        let warning: String?

        init(warning: String? = nil) { self.warning = warning }

        func pending() -> PendingHistoryStore {
            PendingHistoryStore { [self] in
                runs.add(1, ordering: .relaxed)
                gate.wait()
                return .init(store: store, journal: InMemoryReplayJournal(history: store), warning: warning)
            }
        }
    }

    static func entry(_ user: String) -> HistoryEntry {
        let request = RequestBuilder(target: .sandbox(port: 54321), apiKey: "k")
            .build(endpoint: .track, body: .array([.object(["event_name": .string("signed_up"), "user_id": .string(user)])]))
        return HistoryEntry(id: UUID(), sentAt: Date(timeIntervalSince1970: 1_795_000_000), request: request, target: "SANDBOX 127.0.0.1:54321")
    }

    @Test func thePanesReadsAnswerNothingYetWithoutStartingTheOpening() throws {
        let opener = Opener()
        opener.store.record(Self.entry("u_1"))
        let pending = opener.pending()
        #expect(try pending.count(matching: HistoryQuery()) == 0)
        #expect(try pending.summaries(matching: HistoryQuery(), in: 0..<10).isEmpty)
        #expect(try pending.entries(idPrefix: "0", limit: 5).isEmpty)
        #expect(!pending.isOpen)
        Thread.sleep(forTimeInterval: 0.05)
        #expect(opener.runs.load(ordering: .relaxed) == 0, "drawing the pane must not start opening the file")
    }

    @Test func openedStartsTheOpeningAndThenReadsGoToTheStore() async throws {
        let opener = Opener(warning: "history is off for this run: locked")
        opener.store.record(Self.entry("u_1"))
        let pending = opener.pending()
        async let warning = pending.opened()
        opener.gate.signal()
        #expect(await warning == "history is off for this run: locked")
        #expect(pending.isOpen)
        #expect(try pending.count(matching: HistoryQuery()) == 1)
        #expect(try pending.summaries(matching: HistoryQuery(), in: 0..<10).first?.subject == "u_1")
        // Asking again answers at once with the same line.
        #expect(await pending.opened() == "history is off for this run: locked")
    }

    @Test func aWriteBeforeTheStoreIsOpenWaitsForItAndIsKept() async throws {
        let opener = Opener()
        let pending = opener.pending()
        let written = DispatchSemaphore(value: 0)
        let entry = Self.entry("u_early")
        Thread.detachNewThread {
            try? pending.record(entry)  // starts the opening and waits for it
            written.signal()
        }
        #expect(written.wait(timeout: .now() + 0.2) == .timedOut, "the write waits while the file is still opening")
        opener.gate.signal()
        #expect(written.wait(timeout: .now() + 30) == .success)
        #expect(try opener.store.entry(id: entry.id) != nil, "the early send is in the store, not lost")
        #expect(opener.runs.load(ordering: .relaxed) == 1)
    }

    @Test func theOpeningRunsOnceHoweverManyAskAtOnce() async throws {
        let opener = Opener()
        let pending = opener.pending()
        let done = DispatchGroup()
        for k in 0..<8 {
            done.enter()
            Thread.detachNewThread {
                try? pending.record(Self.entry("u_\(k)"))
                done.leave()
            }
        }
        async let first = pending.opened()
        async let second = pending.opened()
        opener.gate.signal()
        _ = await (first, second)
        #expect(done.wait(timeout: .now() + 30) == .success)
        #expect(opener.runs.load(ordering: .relaxed) == 1)
        #expect(try opener.store.count(matching: HistoryQuery()) == 8)
    }

    @Test func theJournalIsTheOneOpeningGave() async throws {
        let opener = Opener()
        let pending = opener.pending()
        opener.gate.signal()
        _ = await pending.opened()
        let job = ReplayJob(id: UUID(), createdAt: Date(), target: "SANDBOX 127.0.0.1:54321", inputKey: "k", totalEvents: 0, requests: [])
        try pending.createJob(job)
        #expect(try pending.job(id: job.id)?.inputKey == "k")
    }
}
