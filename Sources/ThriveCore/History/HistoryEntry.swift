import Foundation

/// One send as the history keeps it: secrets already masked, so it can be stored, shown and exported safely.
public struct HistoryEntry: Sendable, Identifiable, Hashable {
    /// The state of a send.
    public enum Status: Sendable, Hashable {
        case inFlight
        /// The API answered (any status).
        case answered(status: Int)
        /// No response: refused, timeout, reset, cancelled (`kind` is `cancelled` then)…
        case failed(kind: String, message: String)
        /// The program that sent it ended (killed, crashed) before the outcome was known.
        case interrupted
    }

    public var id: UUID
    public var sentAt: Date
    public var endpoint: Endpoint
    /// The target's badge text at the time (`SANDBOX 127.0.0.1:PORT`, `LIVE …`).
    public var target: String
    /// The profile the send used, when there was one.
    public var profile: String?
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

    public init(id: UUID, sentAt: Date, request: APIRequest, target: String, profile: String? = nil) {
        self.id = id
        self.sentAt = sentAt
        endpoint = request.endpoint
        self.target = target
        self.profile = profile
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
    }

    /// The events in the body, in order (a single object is one event).
    public var events: [EventRecord] {
        eventValues.map { EventRecord($0, endpoint: endpoint) }
    }

    /// Event names in the body (`signed_up`, or the endpoint name for identify/group), for the row's label.
    public var eventNames: [String] { eventValues.map { EventRecord.name(of: $0, endpoint: endpoint) } }

    /// The body's events as JSON, without working out fingerprints (a list row needs none).
    var eventValues: [JSONValue] { requestBody.arrayValue ?? [requestBody] }

    /// How the send ended, as `history --json` spells it.
    public var outcome: HistoryOutcome {
        switch status {
        case .inFlight: return .inFlight
        case .answered: return .answered
        case .failed(let kind, _): return kind == "cancelled" ? .cancelled : .failed
        case .interrupted: return .interrupted
        }
    }

    /// The HTTP status, when the API answered.
    public var httpStatus: Int? { if case .answered(let s) = status { return s }; return nil }

    /// The short form a list shows and the store pages.
    public var summaryRow: HistorySummary {
        // Only the first event is looked at: hashing every event of a 1,000-event batch for one row was wasted.
        let values = eventValues
        let first = values.first.map { EventRecord($0, endpoint: endpoint) }
        return HistorySummary(id: id, sentAt: sentAt, endpoint: endpoint, target: target, profile: profile, status: status,
                              latency: latency, retries: retries, summary: summary, eventCount: values.count,
                              firstEventName: first?.name ?? endpoint.rawValue, subject: first?.subject)
    }

    /// A copy with every occurrence of each secret replaced by `••••` in every text it holds: a server that
    /// echoes the key back in a body or header must not get it into the history.
    public func redacting(_ secrets: [String]) -> HistoryEntry {
        let secrets = secrets.filter { $0.count >= 4 }
        guard !secrets.isEmpty else { return self }
        func scrub(_ s: String) -> String { secrets.reduce(s) { $0.replacingOccurrences(of: $1, with: SecretMask.redacted) } }
        var e = self
        e.url = scrub(url)
        e.requestHeaders = requestHeaders.map { Header(scrub($0.name), scrub($0.value)) }
        e.responseHeaders = responseHeaders.map { Header(scrub($0.name), scrub($0.value)) }
        e.responseBody = scrub(responseBody)
        e.summary = scrub(summary)
        if case .failed(let kind, let message) = status { e.status = .failed(kind: kind, message: scrub(message)) }
        e.target = scrub(target)
        e.profile = profile.map(scrub)
        e.requestBody = HistoryEntry.scrub(requestBody, depth: 0, scrub)
        return e
    }

    /// Every string and key of a body, scrubbed: walking the value (not its text) means a secret written with
    /// JSON escapes cannot slip past. Bodies come from the parser, which bounds their depth; the guard is for
    /// values built by hand.
    static func scrub(_ v: JSONValue, depth: Int, _ scrub: (String) -> String) -> JSONValue {
        guard depth < 512 else { return v }
        switch v {
        case .string(let s): return .string(scrub(s))
        case .array(let items): return .array(items.map { Self.scrub($0, depth: depth + 1, scrub) })
        case .object(let o): return .object(JSONObject(o.members.map { .init(scrub($0.key), Self.scrub($0.value, depth: depth + 1, scrub)) }))
        case .number(let n):
            let text = scrub(n.text)
            return text == n.text ? v : .string(text)
        default: return v
        }
    }
}

extension HistoryEntry {
    /// This in-flight entry with the report's outcome: what the UI and `send` both store. The body is kept as
    /// received (views pretty-print it), so an export reproduces what the server sent.
    public func completed(by report: SendReport) -> HistoryEntry {
        var e = self
        e.retries = report.retries
        e.summary = report.summary
        guard let final = report.final else { return e }
        e.latency = final.latency
        switch final.outcome {
        case .success(let r):
            e.status = .answered(status: r.status)
            // A server may echo auth headers; the store scrubs the key, this masks any other credential.
            e.responseHeaders = r.headers.map(\.masked)
            e.responseBody = r.bodyText
        case .failure(let error):
            e.status = .failed(kind: error.shortLabel, message: error.message)
        }
        return e
    }
}

/// How a send ended, in the words `history --json` uses.
public enum HistoryOutcome: String, Sendable, Hashable, CaseIterable {
    case inFlight = "in_flight", answered, failed, cancelled, interrupted
}

/// One event of a sent body, as the history indexes it.
public struct EventRecord: Sendable, Hashable {
    public var name: String
    public var userID: String?
    public var groupID: String?
    public var timestamp: String?
    /// Same fingerprint = the same event to ThriveStack (see `EventFingerprint`).
    public var fingerprint: String

    public init(_ event: JSONValue, endpoint: Endpoint) {
        name = EventRecord.name(of: event, endpoint: endpoint)
        userID = event["user_id"]?.stringValue
        groupID = event["group_id"]?.stringValue
        timestamp = event["timestamp"]?.stringValue
        fingerprint = EventFingerprint.of(event, endpoint: endpoint)
    }

    /// `event_name` (or the older `event`), else the endpoint's name for identify and group.
    static func name(of event: JSONValue, endpoint: Endpoint) -> String {
        event["event_name"]?.stringValue ?? event["event"]?.stringValue ?? endpoint.rawValue
    }

    /// What tells rows apart: the user id, else `group:ID`.
    public var subject: String? { userID ?? groupID.map { "group:\($0)" } }
}

/// The short form of an entry a list needs: no bodies, so pages of them stay small.
public struct HistorySummary: Sendable, Hashable, Identifiable {
    public var id: UUID
    public var sentAt: Date
    public var endpoint: Endpoint
    public var target: String
    public var profile: String?
    public var status: HistoryEntry.Status
    public var latency: Double?
    public var retries: Int
    public var summary: String
    public var eventCount: Int
    public var firstEventName: String
    /// The first event's user id, or `group:ID`.
    public var subject: String?

    public init(id: UUID, sentAt: Date, endpoint: Endpoint, target: String, profile: String?, status: HistoryEntry.Status,
                latency: Double?, retries: Int, summary: String, eventCount: Int, firstEventName: String, subject: String?) {
        self.id = id; self.sentAt = sentAt; self.endpoint = endpoint; self.target = target; self.profile = profile
        self.status = status; self.latency = latency; self.retries = retries; self.summary = summary
        self.eventCount = eventCount; self.firstEventName = firstEventName; self.subject = subject
    }
}
