import Foundation
import ThriveCore

/// Realistic, varied history for benchmarks and manual testing: not used by the program itself. Deterministic for
/// a seed except for `sent_at`, which is spread over the 60 days before the call so `since:` filters mean something.
public enum HistoryFixtures {
    static let eventNames = ["signed_up", "signed_in", "feature_used", "page_visit", "invite_sent", "account_created"]
    static let features = ["report_exported", "dashboard_viewed", "filter_applied", "alert_created", "csv_imported"]
    static let plans = ["free", "starter", "pro", "enterprise"]

    /// Inserts `count` finished entries, oldest first, 1,000 per transaction (`recordFinished`).
    public static func fill(_ store: SQLiteHistoryStore, count: Int, seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let now = Date().timeIntervalSince1970
        let span = 60.0 * 86_400
        var batch: [HistoryEntry] = []
        batch.reserveCapacity(1_000)
        for i in 0..<max(0, count) {
            let t = now - span + (Double(i) + Double.random(in: 0..<1, using: &rng)) / Double(max(count, 1)) * span
            batch.append(entry(&rng, sentAt: Date(timeIntervalSince1970: t)))
            if batch.count == 1_000 {
                try store.recordFinished(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        try store.recordFinished(batch)
    }

    static func entry(_ rng: inout SplitMix64, sentAt: Date) -> HistoryEntry {
        let live = rng.next() % 10 < 3
        let target: Target = live ? .live : .sandbox(port: 44971)
        let roll = rng.next() % 10
        let endpoint: Endpoint = roll < 8 ? .track : (roll == 8 ? .identify : .group)
        let eventCount = endpoint == .track ? 1 + Int(rng.next() % 3) : 1
        let body = JSONValue.array((0..<eventCount).map { _ in event(&rng, endpoint: endpoint, sentAt: sentAt) })
        let request = APIRequest(url: target.baseURL.appendingPathComponent(endpoint.rawValue),
                                 headers: [Header("content-type", "application/json"), Header("accept", "*/*"),
                                           Header("x-api-key", live ? "tsk_live_fixture_key_0000" : "sandbox")],
                                 body: body, endpoint: endpoint)
        var e = HistoryEntry(id: uuid(&rng), sentAt: sentAt, request: request, target: target.badge,
                             profile: live ? "production" : nil)
        let latency = 0.004 + Double(rng.next() % 300) / 1_000
        let ms = Int(latency * 1_000)
        let outcome = rng.next() % 100
        switch outcome {
        case 0..<84: answer(&e, 200, "{\"success\":true,\"message\":\"accepted \(eventCount) event(s)\"}", "200 OK in \(ms) ms", latency)
        case 84..<88: answer(&e, 400, "{\"success\":false,\"error\":\"user_id is required\"}", "400 Bad Request in \(ms) ms", latency)
        case 88..<91:
            answer(&e, 429, "{\"success\":false,\"error\":\"rate limited\"}", "429 Too Many Requests, retried 3 times", latency)
            e.retries = 3
        case 91..<94: answer(&e, 500, "{\"success\":false,\"error\":\"internal error\"}", "500 Internal Server Error in \(ms) ms", latency)
        case 94..<97:
            e.status = .failed(kind: "refused", message: "connection refused by \(target.badge)")
            e.summary = "connection refused by \(target.badge)"
        case 97..<99:
            e.status = .failed(kind: "timeout", message: "no answer in 30 s")
            e.summary = "timed out after 30 s"
        default:
            e.status = .failed(kind: "cancelled", message: "cancelled with Esc")
            e.summary = "cancelled"
        }
        return e
    }

    private static func answer(_ e: inout HistoryEntry, _ status: Int, _ body: String, _ summary: String, _ latency: Double) {
        e.status = .answered(status: status)
        e.responseHeaders = [Header("content-type", "application/json"), Header("content-length", String(body.utf8.count))]
        e.responseBody = body
        e.summary = summary
        e.latency = latency
    }

    private static func event(_ rng: inout SplitMix64, endpoint: Endpoint, sentAt: Date) -> JSONValue {
        let user = "u_\(rng.next() % 5_000)"
        let group = "g_\(rng.next() % 400)"
        let plan = plans[Int(rng.next() % UInt64(plans.count))]
        let stamp = timestamp(sentAt)
        let email = JSONValue.string("\(user.dropFirst(2)).person@example\(rng.next() % 50).com")
        switch endpoint {
        case .identify:
            return .object(["user_id": .string(user), "timestamp": .string(stamp),
                            "traits": .object(["user_email": email, "user_name": .string("Person \(user)"), "plan": .string(plan),
                                               "created_at": .string(stamp), "locale": .string("en-US")])])
        case .group:
            return .object(["group_id": .string(group), "user_id": .string(user), "timestamp": .string(stamp),
                            "traits": .object(["group_name": .string("Acme \(group)"), "plan": .string(plan),
                                               "employees": .int(Int(rng.next() % 5_000)), "industry": .string("software")])])
        case .track:
            let name = eventNames[Int(rng.next() % UInt64(eventNames.count))]
            var props: JSONObject = ["user_email": email, "plan": .string(plan), "source": .string("web_app"),
                                     "referrer": .string("https://www.google.com/search?q=thrivestack+analytics"),
                                     "utm_campaign": .string("spring_launch"), "device": .string(rng.next() % 2 == 0 ? "desktop" : "mobile")]
            if name == "feature_used" {
                props["feature_name"] = .string(features[Int(rng.next() % UInt64(features.count))])
                props["feature_type"] = .string("core")
            }
            if name == "page_visit" { props["page_url"] = .string("https://app.example.com/reports/\(rng.next() % 900)") }
            return .object(["event_name": .string(name), "user_id": .string(user), "timestamp": .string(stamp),
                            "properties": .object(props),
                            "context": .object(["group_id": .string(group), "library": .string("thrive-inspector"), "version": .string("1.0.0")])])
        }
    }

    /// The event timestamp, as the API expects it.
    static func timestamp(_ date: Date) -> String { Timestamp.format(date) }

    private static func uuid(_ rng: inout SplitMix64) -> UUID {
        let a = rng.next(), b = rng.next()
        var bytes = [UInt8](repeating: 0, count: 16)
        for i in 0..<8 { bytes[i] = UInt8(truncatingIfNeeded: a >> (8 * i)); bytes[8 + i] = UInt8(truncatingIfNeeded: b >> (8 * i)) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}

/// A small seeded generator, so the same seed gives the same fixtures on every platform.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
