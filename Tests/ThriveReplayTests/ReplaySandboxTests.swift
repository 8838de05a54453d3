import Foundation
import Testing
import ThriveCore
import ThriveHistory
import ThriveReplay
import ThriveSandbox
import ThriveTestSupport

/// Replays against a real in-process sandbox with injected faults. Outcomes only, never timings.
@Suite(.serialized) struct ReplaySandboxTests {
    static let faulty = SandboxConfiguration(faults: [
        FaultRule(.status(429, retryAfter: nil), probability: 0.1), FaultRule(.serverError, probability: 0.1),
        FaultRule(.drop, probability: 0.1),
    ], seed: 7, eventCapacity: 100_000)

    @Test(.timeLimit(.minutes(5))) func faultsStillDeliverEachValidEventOnceAndASecondRunSkipsThemAll() async throws {
        try await withSandbox(Self.faulty) { server, port in
            // Two forced 429s with Retry-After: 1 s come first, so the header is honoured at least once.
            server.enqueue([.rateLimited, .rateLimited])
            let (store, _) = try temporaryHistory()
            let set = importedSet(1_200, withInvalid: true)
            let first = try await engine(port: port, history: store, journal: store, options: fastOptions()).run(set)
            #expect(first.progress.accepted == 1_200)
            #expect(first.progress.invalid == 1)
            #expect(first.events.last?.status == .invalid)
            #expect(first.exitCode == 0)
            let counts = histogram(try await sandboxUserIDs(port: port))
            #expect(counts.count == 1_200)
            #expect(counts.values.allSatisfy { $0 == 1 })
            #expect(counts["u_1201"] == nil)

            // Same input, same history file, new engine: nothing leaves.
            let sendsBefore = try store.count(matching: HistoryQuery())
            let second = try await engine(port: port, history: store, journal: store, options: fastOptions()).run(set)
            #expect(second.events.filter { $0.status == .skippedDuplicate }.count == 1_200)
            #expect(second.events.first?.reason.hasPrefix("already accepted by SANDBOX 127.0.0.1:\(port) on ") == true)
            #expect(second.exitCode == 0)
            #expect(try store.count(matching: HistoryQuery()) == sendsBefore)
            #expect(try await sandboxUserIDs(port: port).count == 1_200)
        }
    }

    @Test(.timeLimit(.minutes(5))) func allowDuplicatesSendsAgain() async throws {
        try await withSandbox(SandboxConfiguration(seed: 1)) { _, port in
            let (store, _) = try temporaryHistory()
            let set = importedSet(250)
            _ = try await engine(port: port, history: store, journal: store, options: fastOptions()).run(set)
            let again = try await engine(port: port, history: store, journal: store,
                                         options: fastOptions { $0.allowDuplicates = true }).run(set)
            #expect(again.progress.accepted == 250)
            let counts = histogram(try await sandboxUserIDs(port: port))
            #expect(counts.count == 250 && counts.values.allSatisfy { $0 == 2 })
        }
    }

    @Test(.timeLimit(.minutes(5))) func cancelThenResumeSendsOnlyWhatIsLeftAndTheJournalSurvivesReopening() async throws {
        try await withSandbox(SandboxConfiguration(faults: [FaultRule(.serverError, probability: 0.1)], seed: 3)) { _, port in
            let (store, url) = try temporaryHistory()
            let set = importedSet(1_000)
            let scripted = ScriptedSender(plainSender(), cancelAfter: 3)
            // One request at a time, so "cancel after the third send" leaves exactly the rest unsent.
            let first = engine(port: port, history: store, journal: store, options: fastOptions { $0.concurrency = 1 }, sender: scripted)
            scripted.attach(first)
            let cancelled = try await first.run(set)
            #expect(cancelled.cancelled)
            let acceptedFirst = cancelled.progress.accepted
            #expect(acceptedFirst > 0 && acceptedFirst < 1_000)
            #expect(cancelled.events.filter { $0.status == .notSent }.count == 1_000 - acceptedFirst)
            #expect(cancelled.exitCode == 3)
            try store.close()

            let reopened = try SQLiteHistoryStore.open(at: url)
            let job = try #require(try ReplayEngine.resumableJob(for: set, target: first.target, journal: reopened))
            #expect(job.state == .cancelled)
            #expect(job.resumeSummary == "\(acceptedFirst) of 1,000 accepted; \(1_000 - acceptedFirst) to go")

            let resumed = try await engine(port: port, history: reopened, journal: reopened,
                                           options: fastOptions { $0.resume = true }).run(set)
            #expect(resumed.jobID == job.id)
            #expect(resumed.progress.accepted == 1_000)
            #expect(resumed.events.filter { $0.reason == "accepted in an earlier run" }.count == acceptedFirst)
            #expect(resumed.exitCode == 0)
            #expect(try reopened.job(id: job.id)?.state == .finished)
            #expect(try ReplayEngine.resumableJob(for: set, target: first.target, journal: reopened) == nil)
            let counts = histogram(try await sandboxUserIDs(port: port))
            #expect(counts.count == 1_000 && counts.values.allSatisfy { $0 == 1 })
        }
    }

    @Test(.timeLimit(.minutes(5))) func unknownSkipLeavesDroppedRequestsUnsentAndListed() async throws {
        try await withSandbox(SandboxConfiguration(seed: 5)) { server, port in
            let (store, _) = try temporaryHistory()
            // Request 1: the sandbox drops the connection (stores nothing). Request 2 (the second send): delivered,
            // but the answer is lost on the way back. Both outcomes are unknown to the engine.
            server.enqueue(.drop)
            let scripted = ScriptedSender(plainSender(), loseAnswerOf: [2])
            let run = try await engine(port: port, history: store, journal: store,
                                       options: fastOptions { $0.unknownPolicy = .skip; $0.concurrency = 1 }, sender: scripted)
                .run(importedSet(500))
            let unknown = run.events.filter { $0.status == .unknown }
            #expect(unknown.map(\.number) == Array(1...200))
            #expect(unknown.allSatisfy { $0.httpStatus == nil && !$0.reason.isEmpty })
            #expect(run.progress.accepted == 300)
            #expect(run.exitCode == 3)
            #expect(scripted.sendCount == 5)
            let counts = histogram(try await sandboxUserIDs(port: port))
            // The dropped request never arrived; the one whose answer was lost did, once.
            #expect(counts.count == 400 && counts.values.allSatisfy { $0 == 1 })
            #expect(counts["u_1"] == nil && counts["u_101"] == 1)
            let lines = run.events.map { $0.reportLine() }
            #expect(lines[0].hasPrefix(#"{"source":"export.ndjson:1","status":"unknown","http_status":null,"reason":"#))
        }
    }

    @Test(.timeLimit(.minutes(5))) func unknownRetryIsTheDefaultAndSaysSo() async throws {
        try await withSandbox(SandboxConfiguration(seed: 5)) { server, port in
            server.enqueue(.drop)
            let run = try await engine(port: port, history: InMemoryHistoryStore(), journal: InMemoryReplayJournal(),
                                       options: fastOptions { $0.concurrency = 1 }).run(importedSet(150))
            #expect(run.progress.accepted == 150)
            #expect(run.events.first?.reason.contains("unknown outcome") == true)
            #expect(histogram(try await sandboxUserIDs(port: port)).values.allSatisfy { $0 == 1 })
        }
    }
}
