import Foundation
import ThriveCore
@testable import ThriveHistory

/// A fresh directory for one test, removed afterwards (even when the test throws).
func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("thrive-history-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer {
        // A permission test may leave a file unreadable; give it back before deleting.
        chmod(dir.path, 0o700)
        if let items = try? FileManager.default.contentsOfDirectory(atPath: dir.path) {
            for item in items { chmod(dir.appendingPathComponent(item).path, 0o600) }
        }
        try? FileManager.default.removeItem(at: dir)
    }
    return try body(dir)
}

/// Fixed clock: whole seconds, so dates survive the unix-seconds REAL column exactly.
let testNow = Date(timeIntervalSince1970: 1_790_000_000)

/// Builds test entries. Words in bodies are chosen so substring search (in memory) and prefix search (FTS)
/// agree: whole words or word prefixes only.
enum TestEntries {
    static let sandbox = "SANDBOX 127.0.0.1:44971"
    static let live = "LIVE api.app.thrivestack.ai"
    static let custom = "CUSTOM localhost:8080"

    static func event(_ name: String, user: String?, group: String? = nil, extra: [(String, JSONValue)] = []) -> JSONValue {
        var o = JSONObject()
        o["event_name"] = .string(name)
        if let user { o["user_id"] = .string(user) }
        if let group { o["group_id"] = .string(group) }
        o["timestamp"] = .string("2026-09-21T10:00:00Z")
        var props = JSONObject()
        for (k, v) in extra { props[k] = v }
        o["properties"] = .object(props)
        return .object(o)
    }

    static func entry(_ n: Int, events: [JSONValue], endpoint: Endpoint = .track, target: String = sandbox,
                      sentAt: Date? = nil, profile: String? = nil) -> HistoryEntry {
        let url = URL(string: "http://127.0.0.1:44971/api/\(endpoint.rawValue)")!
        let request = APIRequest(url: url, headers: [Header("content-type", "application/json"), Header("x-api-key", "sandbox")],
                                 body: .array(events), endpoint: endpoint)
        return HistoryEntry(id: uuid(n), sentAt: sentAt ?? testNow.addingTimeInterval(Double(n) * 60 - 86_400 * 30),
                            request: request, target: target, profile: profile)
    }

    /// A deterministic id whose text is easy to recognise: 00000000-0000-4000-8000-0000000000NN.
    static func uuid(_ n: Int) -> UUID {
        UUID(uuidString: String(format: "%08X-0000-4000-8000-%012X", n, n))!
    }

    static func finished(_ e: HistoryEntry, _ status: HistoryEntry.Status, body: String = "", summary: String,
                         latency: Double? = 0.0125, retries: Int = 0) -> HistoryEntry {
        var e = e
        e.status = status
        e.responseBody = body
        e.responseHeaders = body.isEmpty ? [] : [Header("content-type", "application/json"), Header("x-request-id", "r1")]
        e.summary = summary
        e.latency = latency
        e.retries = retries
        return e
    }

    /// About 40 entries covering every query term: statuses, outcomes, targets, users, groups, emails, non-ASCII.
    static func varied() -> [HistoryEntry] {
        let names = ["signed_up", "signed_in", "feature_used", "page_visit", "invite_sent", "account_created"]
        let targets = [sandbox, live, custom]
        var out: [HistoryEntry] = []
        for n in 0..<42 {
            let user = n % 7 == 0 ? "u_123" : "u_\(n % 5)"
            var events = [event(names[n % names.count], user: user, group: n % 4 == 0 ? "g_\(n % 3)" : nil,
                                extra: n % 6 == 0 ? [("user_email", .string("jane.doe@acme.com"))] : [("plan", .string("pro"))])]
            if n % 5 == 0 { events.append(event(names[(n + 2) % names.count], user: "u_9", extra: [("city", .string("Café Zürich"))])) }
            // Every 12 hours from 30 days before `testNow`, so since:/before: split the set.
            var e = entry(n, events: events, target: targets[n % 3],
                          sentAt: testNow.addingTimeInterval(Double(n) * 43_200 - 86_400 * 30), profile: n % 3 == 1 ? "production" : nil)
            switch n % 8 {
            case 0: e = finished(e, .answered(status: 200), body: "{\"success\":true}", summary: "200 OK in 12 ms")
            case 1: e = finished(e, .answered(status: 429), body: "{\"error\":\"rate limited\"}", summary: "429 retried twice", retries: 2)
            case 2: e = finished(e, .answered(status: 400), body: "{\"error\":\"user_id missing\"}", summary: "400 Bad Request")
            case 3: e = finished(e, .failed(kind: "refused", message: "connection refused"), summary: "connection refused", latency: nil)
            case 4: e = finished(e, .failed(kind: "cancelled", message: "cancelled with Esc"), summary: "cancelled", latency: nil)
            case 5: e = finished(e, .answered(status: 503), body: "{\"error\":\"unavailable\"}", summary: "503 Service Unavailable")
            case 6: e = finished(e, .interrupted, summary: "interrupted — outcome unknown", latency: nil)
            default: break  // stays in flight
            }
            out.append(e)
        }
        return out
    }
}

/// Both stores filled the way the program fills them: record before sending, update when it ends.
func filledStores(_ entries: [HistoryEntry], at url: URL) throws -> (SQLiteHistoryStore, InMemoryHistoryStore) {
    let sqlite = try SQLiteHistoryStore.open(at: url)
    let memory = InMemoryHistoryStore()
    for e in entries {
        var sending = e
        sending.status = .inFlight
        sending.summary = "sending…"
        try sqlite.record(sending)
        memory.record(sending)
        if case .inFlight = e.status { continue }
        try sqlite.update(e)
        memory.update(e)
    }
    return (sqlite, memory)
}

/// The pid of a process that has certainly ended (and been reaped).
func deadPID() throws -> Int32 {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/true")
    try p.run()
    p.waitUntilExit()
    return p.processIdentifier
}
