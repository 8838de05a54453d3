import Foundation
import Synchronization
import Testing
import ThriveCore

/// The history opened after the first frame: the pane's reads never wait and never start the opening, a send
/// made meanwhile neither waits nor is lost, and what needs the whole file waits for it.
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
        #expect(!pending.hasStartedOpening, "drawing the pane must not start opening the file")
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

    @Test func aSendWhileTheFileOpensDoesNotWaitAndReachesTheFile() async throws {
        let opener = Opener()
        opener.store.record(Self.entry("u_old"))
        let pending = opener.pending()
        pending.addSecret("ts_live_secret_key_123")
        var early = Self.entry("u_early")
        // The gate is shut: if recording waited for the file, this would never return.
        try pending.record(early)
        #expect(pending.hasStartedOpening, "a send starts the opening")
        early.status = .answered(status: 200)
        early.responseBody = #"{"echo":"ts_live_secret_key_123"}"#
        try pending.update(early)
        #expect(try pending.count(matching: HistoryQuery()) == 1, "the pane shows the send before the file is open")
        #expect(try pending.entry(id: early.id)?.status == .answered(status: 200))
        opener.gate.signal()
        _ = await pending.opened()
        #expect(try pending.count(matching: HistoryQuery()) == 2, "the file's rows and the early send")
        let kept = try #require(try opener.store.entry(id: early.id), "the early send was written to the file")
        #expect(kept.status == .answered(status: 200), "with how it ended")
        #expect(!kept.responseBody.contains("ts_live_secret_key_123"), "and the key scrubbed")
        #expect(opener.runs.load(ordering: .relaxed) == 1)
    }

    @Test func readingTheWholeHistoryWaitsForTheFile() async throws {
        let opener = Opener()
        opener.store.record(Self.entry("u_old"))
        let pending = opener.pending()
        try pending.record(Self.entry("u_early"))
        let read = DispatchSemaphore(value: 0)
        let users = Mutex<[String]>([])
        Thread.detachNewThread {
            try? pending.forEach(matching: HistoryQuery(), limit: nil) { entry in
                users.withLock { $0.append(entry.events.first?.subject ?? "?") }
            }
            read.signal()
        }
        #expect(read.wait(timeout: .now() + 0.2) == .timedOut, "an export does not answer from the sends kept in memory")
        opener.gate.signal()
        #expect(read.wait(timeout: .now() + 30) == .success)
        #expect(users.withLock { $0.sorted() } == ["u_early", "u_old"])
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
