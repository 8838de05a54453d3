import Foundation
import ThriveCore
import ThriveHistory
import ThriveNet
import ThriveReplay
import ThriveSandbox

/// Replay throughput: 100,000 events in 1,000-event requests, four in flight, to the in-process sandbox, journalled
/// in a temporary SQLite history, the way `thrive-inspector replay` runs (duplicate check included).
enum ReplayBench {
    /// `count` distinct valid track events, as an NDJSON import would produce them.
    static func importedSet(_ count: Int) -> ImportedSet {
        let events = (1...count).map { n in
            ImportedEvent(number: n, event: .object([
                "event_name": .string("feature_used"), "user_id": .string("bench_\(n)"),
                "properties": .object(["feature_name": .string("report_exported"), "feature_type": .string("core")]),
                "timestamp": .string("2024-01-15T10:30:00Z"),
            ]), endpoint: .track, position: SourcePosition(file: "bench.ndjson", line: n))
        }
        return ImportedSet(events: events, formats: [.ndjson])
    }

    static func throughput(events count: Int = 100_000) async throws -> String {
        let set = importedSet(count)
        // The sandbox keeps every event, as in the tests, so the figure includes its bookkeeping.
        let server = SandboxServer(configuration: SandboxConfiguration(eventCapacity: count, eventByteCapacity: 512 * 1024 * 1024))
        let port = try await server.start()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("replay-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try SQLiteHistoryStore.open(at: dir.appendingPathComponent("history.sqlite"))
        let destination = Destination(target: .sandbox(port: port))
        guard let builder = destination.builder else { return "replay: the sandbox did not start" }
        let engine = ReplayEngine(builder: builder, sender: HTTPSender(configuration: SenderConfiguration(timeout: 60, retry: .none)),
                                  history: store, journal: store, options: ReplayOptions(concurrency: 4, batchSize: 1_000))
        var result: ReplayResult?
        let seconds = try await Measure.seconds { result = try await engine.run(set) }
        await server.stop()
        let accepted = result?.progress.accepted ?? 0
        return String(format: "replay of %d events (1,000-event batches, concurrency 4, SQLite history): %.0f events/s "
                      + "(%.2f s, %d accepted)", count, Double(accepted) / seconds, seconds, accepted) + "; peak memory \(Measure.peakRSS())"
    }
}
