import Foundation
import Testing
import ThriveCore
import ThriveReplay
import ThriveSandbox
import ThriveTestSupport

/// Not a check: prints replay throughput of 100,000 events when `THRIVE_REPLAY_MEASURE` is set. No test asserts
/// timings; `thrive-bench` is where the figure belongs once the replay command exists.
@Suite struct ReplayThroughput {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["THRIVE_REPLAY_MEASURE"] != nil))
    func hundredThousandEvents() async throws {
        let set = importedSet(100_000)
        try await withSandbox(SandboxConfiguration(eventCapacity: 100_000, eventByteCapacity: 256 * 1024 * 1024)) { _, port in
            for (label, history) in [("in-memory history", false), ("SQLite history", true)] {
                let store: any HistoryStore
                let journal: any ReplayJournal
                if history { let (s, _) = try temporaryHistory(); store = s; journal = s } else {
                    let s = InMemoryHistoryStore(); store = s; journal = InMemoryReplayJournal(history: s)
                }
                let clock = ContinuousClock()
                let t0 = clock.now
                let result = try await engine(port: port, history: store, journal: journal,
                                              options: ReplayOptions(concurrency: 4, batchSize: 1_000, allowDuplicates: true)).run(set)
                let seconds = (clock.now - t0) / .seconds(1)
                print("replay 100,000 events, \(label): \(Int(Double(result.progress.accepted) / seconds)) events/s "
                      + "(\(String(format: "%.2f", seconds)) s, accepted \(result.progress.accepted))")
            }
        }
    }
}
