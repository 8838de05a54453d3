import Foundation
import Synchronization
import ThriveCore
import ThriveHistory
import ThriveNet
import ThriveReplay
import ThriveSandbox
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `count` valid track events (user ids `u_1`…) plus, when asked, one without a user id (invalid).
func importedSet(_ count: Int, file: String = "export.ndjson", withInvalid: Bool = false) -> ImportedSet {
    var events = (1...count).map { n in
        ImportedEvent(number: n, event: .object([
            "event_name": .string("feature_used"), "user_id": .string("u_\(n)"),
            "properties": .object(["feature_name": .string("report_exported"), "feature_type": .string("core")]),
            "timestamp": .string("2024-01-15T10:30:00Z"),
        ]), endpoint: .track, position: SourcePosition(file: file, line: n))
    }
    if withInvalid {
        events.append(ImportedEvent(number: count + 1, event: .object(["event_name": .string("feature_used")]),
                                    endpoint: .track, position: SourcePosition(file: file, line: count + 1)))
    }
    return ImportedSet(events: events, formats: [.ndjson])
}

/// A history file in a fresh temporary folder.
func temporaryHistory() throws -> (SQLiteHistoryStore, URL) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("replay-\(UUID().uuidString)")
    let url = dir.appendingPathComponent("history.sqlite")
    return (try SQLiteHistoryStore.open(at: url), url)
}

/// The engine retries, so the sender must not; generous timeouts for a loaded machine.
func plainSender() -> HTTPSender {
    HTTPSender(configuration: SenderConfiguration(timeout: 20, retry: .none))
}

/// Fast retries: the tests check outcomes, never timings.
func fastOptions(_ change: (inout ReplayOptions) -> Void = { _ in }) -> ReplayOptions {
    var o = ReplayOptions(batchSize: 100, maxRetries: 10, baseDelay: 0.01, maxDelay: 0.1, slowdownSeconds: 0.2, seed: 42)
    change(&o)
    return o
}

func engine(port: Int, history: any HistoryStore, journal: any ReplayJournal, options: ReplayOptions,
            sender: (any RequestSending)? = nil) -> ReplayEngine {
    let destination = Destination(target: .sandbox(port: port))
    return ReplayEngine(builder: destination.builder!, sender: sender ?? plainSender(), history: history, journal: journal,
                        options: options)
}

/// `user_id` of every event `GET /sandbox/events` lists, in order.
func sandboxUserIDs(port: Int) async throws -> [String] {
    let url = URL(string: "http://127.0.0.1:\(port)/sandbox/events")!
    let (data, _) = try await URLSession.shared.data(from: url)
    let listed = try JSONParser.parse(data: data)
    return (listed.arrayValue ?? []).compactMap { $0["event"]?["user_id"]?.stringValue }
}

/// Counts how often each value occurs.
func histogram(_ values: [String]) -> [String: Int] { values.reduce(into: [:]) { $0[$1, default: 0] += 1 } }

/// A sender that forwards to another and can act after each send: cancel the engine after N sends, or pretend
/// a delivered request's connection dropped before the answer (the case the sandbox's `drop` fault cannot make,
/// since it closes the connection before storing anything).
final class ScriptedSender: RequestSending {
    private let inner: any RequestSending
    private let sends = Mutex(0)
    private let engineBox = Mutex<ReplayEngine?>(nil)
    let cancelAfter: Int?
    let loseAnswerOf: Set<Int>

    init(_ inner: any RequestSending, cancelAfter: Int? = nil, loseAnswerOf: Set<Int> = []) {
        self.inner = inner; self.cancelAfter = cancelAfter; self.loseAnswerOf = loseAnswerOf
    }

    func attach(_ engine: ReplayEngine) { engineBox.withLock { $0 = engine } }
    var sendCount: Int { sends.withLock { $0 } }

    func send(_ request: APIRequest, onAttempt: @escaping @Sendable (Attempt) -> Void) async -> SendReport {
        var report = await inner.send(request, onAttempt: onAttempt)
        let n = sends.withLock { $0 += 1; return $0 }
        if loseAnswerOf.contains(n), var last = report.attempts.popLast() {
            last.outcome = .failure(.connectionReset)
            report.attempts.append(last)
        }
        if let cancelAfter, n == cancelAfter, let engine = engineBox.withLock({ $0 }) { await engine.cancel() }
        return report
    }
}
