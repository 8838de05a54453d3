import Foundation
import ThriveCore

/// One send attempt as the history keeps it: secrets already masked, so it can be stored, shown and exported safely.
public struct HistoryEntry: Sendable, Identifiable, Hashable {
    /// The state of a send.
    public enum Status: Sendable, Hashable {
        case inFlight
        /// The API answered (any status).
        case answered(status: Int)
        /// No response: refused, timeout, reset, cancelled…
        case failed(kind: String, message: String)
    }

    public var id: UUID
    public var sentAt: Date
    public var endpoint: Endpoint
    /// The target's badge text at the time (`SANDBOX 127.0.0.1:PORT`, `LIVE …`).
    public var target: String
    public var method: String
    public var url: String
    /// Request headers with the API key masked. The key itself is never stored.
    public var requestHeaders: [Header]
    public var requestBody: JSONValue
    public var status: Status
    public var responseHeaders: [Header]
    public var responseBody: String
    /// Seconds for the final attempt.
    public var latency: Double?
    /// Retries made after 429s.
    public var retries: Int
    /// One-line outcome in words (`200 OK in 12 ms`, `connection refused by …`).
    public var summary: String
    /// Identifies the same events sent twice (event name, user id, timestamp, properties), for the double-send guard.
    public var fingerprint: String

    public init(id: UUID, sentAt: Date, request: APIRequest, target: String) {
        self.id = id
        self.sentAt = sentAt
        endpoint = request.endpoint
        self.target = target
        method = request.method
        url = request.url.absoluteString
        requestHeaders = request.maskedHeaders
        requestBody = request.body
        status = .inFlight
        responseHeaders = []
        responseBody = ""
        latency = nil
        retries = 0
        summary = "sending…"
        fingerprint = HistoryEntry.fingerprint(of: request.body, endpoint: request.endpoint)
    }

    /// Event names in the body (`signed_up`, or the endpoint name for identify/group), for the row's label.
    public var eventNames: [String] {
        let events = requestBody.arrayValue ?? [requestBody]
        return events.map { $0["event_name"]?.stringValue ?? $0["event"]?.stringValue ?? endpoint.rawValue }
    }

    /// Stable text over the parts of each event that make it "the same event" to ThriveStack.
    public static func fingerprint(of body: JSONValue, endpoint: Endpoint) -> String {
        let events = body.arrayValue ?? [body]
        return endpoint.rawValue + "|" + events.map { e in
            ["event_name", "user_id", "group_id", "timestamp", "properties", "traits"].map { e[$0]?.compact() ?? "" }.joined(separator: "|")
        }.joined(separator: "\n")
    }
}
