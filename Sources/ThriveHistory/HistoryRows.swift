import Foundation
internal import GRDB
import ThriveCore

/// Converts entries to rows and back. Every write goes through `insert` or `rewrite`, which write the list row,
/// payload and events of a send together (the search index follows the payload by trigger), so they never disagree.
enum HistoryRows {
    static let sendColumns = """
        id, sent_at, target, profile, endpoint, method, url, outcome, status, failure_kind, failure_message, \
        latency, retries, summary, event_count, first_event, subject
        """
    /// The columns a list needs, so a page never touches payloads.
    static let summaryColumns = "seq, " + sendColumns
    static let entryColumns = "s.seq, " + sendColumns.split(separator: ",").map { "s." + $0.trimmingCharacters(in: .whitespaces) }
        .joined(separator: ", ") + ", p.request_headers, p.request_body, p.response_headers, p.response_body"
    static let entryFrom = "sends s LEFT JOIN send_payloads p ON p.seq = s.seq"

    // MARK: Writing

    static let payloadColumns = "request_headers, request_body, response_headers, response_body, event_names, event_ids, summary_text"

    /// A send's row values, worked out before the write transaction: hashing every event (fingerprints) and writing
    /// the compact body cost milliseconds for a 1,000-event send, and inside the transaction they held the file's
    /// write lock, which every other writer (the other requests of a replay, the journal) waits for.
    struct Prepared {
        let entry: HistoryEntry
        /// The events, or nil when only the outcome may change (`forOutcome`); then worked out if needed.
        let events: [EventRecord]?
        /// `requestBody.compact()`.
        let body: String

        /// For an insert (or a full rewrite).
        init(_ e: HistoryEntry) { entry = e; events = e.events; body = e.requestBody.compact() }
        /// For an update, which usually only changes the outcome and needs no event rows.
        init(forOutcome e: HistoryEntry) { entry = e; events = nil; body = e.requestBody.compact() }

        var allEvents: [EventRecord] { events ?? entry.events }
    }

    /// Inserts a new send; the caller holds a write transaction. Triggers index the payload for search.
    static func insert(_ e: HistoryEntry, ownerPID: Int32, _ db: Database) throws {
        try insert(Prepared(e), ownerPID: ownerPID, db)
    }

    static func insert(_ p: Prepared, ownerPID: Int32, _ db: Database) throws {
        let e = p.entry
        let insert = try db.cachedStatement(sql: """
            INSERT INTO sends (\(sendColumns), owner_pid) VALUES (\(placeholders(18)))
            """)
        let events = p.allEvents  // each event's fingerprint hashes its canonical JSON: compute once per write
        try insert.execute(arguments: sendArguments(e, events) + [Int64(ownerPID)])
        let seq = db.lastInsertedRowID
        try db.cachedStatement(sql: "INSERT INTO send_payloads (seq, \(payloadColumns)) VALUES (\(placeholders(8)))")
            .execute(arguments: [seq] + payloadArguments(e, events, body: p.body))
        try insertEvents(events, seq: seq, db)
    }

    /// Rewrites every part of an existing send (the in-memory store replaces the whole entry, so this does too);
    /// returns false when the id is unknown.
    static func rewrite(_ e: HistoryEntry, _ db: Database) throws -> Bool {
        try rewrite(Prepared(forOutcome: e), db)
    }

    static func rewrite(_ p: Prepared, _ db: Database) throws -> Bool {
        let e = p.entry
        let lookup = try db.cachedStatement(sql: "SELECT s.seq, p.request_body FROM sends s LEFT JOIN send_payloads p ON p.seq = s.seq WHERE s.id = ?")
        guard let row = try Row.fetchOne(lookup, arguments: [e.id.uuidString]) else {
            return false
        }
        let seq: Int64 = row[0]
        let storedBody: String? = row[1]
        if let storedBody, try rewriteOutcome(e, body: p.body, seq: seq, storedBody: storedBody, db) { return true }
        let events = p.allEvents
        try db.cachedStatement(sql: "UPDATE sends SET \(assignments(sendColumns)) WHERE seq = ?")
            .execute(arguments: sendArguments(e, events) + [seq])
        // UPDATE, never INSERT OR REPLACE: REPLACE's implicit delete skips the trigger that unindexes the old text.
        try db.cachedStatement(sql: "UPDATE send_payloads SET \(assignments(payloadColumns)) WHERE seq = ?")
            .execute(arguments: payloadArguments(e, events, body: p.body) + [seq])
        if db.changesCount == 0 {
            try db.cachedStatement(sql: "INSERT INTO send_payloads (seq, \(payloadColumns)) VALUES (\(placeholders(8)))")
                .execute(arguments: [seq] + payloadArguments(e, events, body: p.body))
        }
        try db.cachedStatement(sql: "DELETE FROM events WHERE send_seq = ?").execute(arguments: [seq])
        try insertEvents(events, seq: seq, db)
        return true
    }

    /// The common update: the request is the one recorded before it left and only the outcome is new. Then the
    /// event rows (and their fingerprints, a hash per event) stay as they are and only the outcome columns are
    /// written; rewriting a 1,000-event send's rows on every answer doubled a replay's history cost. False when the
    /// body changed (the caller rewrites everything).
    private static func rewriteOutcome(_ e: HistoryEntry, body: String, seq: Int64, storedBody: String, _ db: Database) throws -> Bool {
        guard body == storedBody else { return false }
        let items = e.requestBody.arrayValue ?? [e.requestBody]
        let first = items.first.map { EventRecord($0, endpoint: e.endpoint) }
        try db.cachedStatement(sql: "UPDATE sends SET \(assignments(sendColumns)) WHERE seq = ?")
            .execute(arguments: sendArguments(e, count: items.count, first: first) + [seq])
        try db.cachedStatement(sql: """
            UPDATE send_payloads SET request_headers = ?, response_headers = ?, response_body = ?, summary_text = ? WHERE seq = ?
            """).execute(arguments: [headersText(e.requestHeaders), headersText(e.responseHeaders), e.responseBody, e.summary, seq])
        return db.changesCount > 0
    }

    private static func assignments(_ columns: String) -> String {
        columns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) + " = ?" }.joined(separator: ", ")
    }

    private static func insertEvents(_ events: [EventRecord], seq: Int64, _ db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO events (send_seq, position, event_name, user_id, group_id, timestamp, fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        for (i, ev) in events.enumerated() {
            try statement.execute(arguments: [seq, i, ev.name, ev.userID, ev.groupID, ev.timestamp, ev.fingerprint])
        }
    }

    private static func placeholders(_ n: Int) -> String { Array(repeating: "?", count: n).joined(separator: ", ") }

    /// The list row; `event_count`, `first_event` and `subject` as `HistoryEntry.summaryRow` derives them.
    private static func sendArguments(_ e: HistoryEntry, _ events: [EventRecord]) -> StatementArguments {
        sendArguments(e, count: events.count, first: events.first)
    }

    private static func sendArguments(_ e: HistoryEntry, count: Int, first: EventRecord?) -> StatementArguments {
        var failureKind: String?, failureMessage: String?
        if case .failed(let kind, let message) = e.status { failureKind = kind; failureMessage = message }
        return [e.id.uuidString, e.sentAt.timeIntervalSince1970, e.target, e.profile, e.endpoint.rawValue, e.method, e.url,
                e.outcome.rawValue, e.httpStatus, failureKind, failureMessage, e.latency, e.retries, e.summary,
                count, first?.name ?? e.endpoint.rawValue, first?.subject]
    }

    /// Bodies, then the texts the in-memory store searches besides them (`HistoryQuery.Term.matches`).
    private static func payloadArguments(_ e: HistoryEntry, _ events: [EventRecord], body: String) -> StatementArguments {
        let ids = events.flatMap { [$0.userID, $0.groupID].compactMap { $0 } }
        return [headersText(e.requestHeaders), body, headersText(e.responseHeaders), e.responseBody,
                events.map(\.name).joined(separator: " "), ids.joined(separator: " "), e.summary]
    }

    static func headersText(_ headers: [Header]) -> String {
        JSONValue.array(headers.map { .array([.string($0.name), .string($0.value)]) }).compact()
    }

    static func headers(_ text: String?) -> [Header] {
        guard let text, let parsed = try? JSONParser.parse(text), let rows = parsed.arrayValue else { return [] }
        return rows.compactMap { pair in
            guard let p = pair.arrayValue, p.count == 2, let name = p[0].stringValue, let value = p[1].stringValue else { return nil }
            return Header(name, value)
        }
    }

    // MARK: Reading

    static func status(_ row: Row) -> HistoryEntry.Status {
        let outcome = HistoryOutcome(rawValue: row["outcome"] ?? "") ?? .interrupted
        switch outcome {
        case .inFlight: return .inFlight
        case .answered: return .answered(status: row["status"] ?? 0)
        case .failed: return .failed(kind: row["failure_kind"] ?? "error", message: row["failure_message"] ?? "")
        case .cancelled: return .failed(kind: "cancelled", message: row["failure_message"] ?? "")
        case .interrupted: return .interrupted
        }
    }

    static func summary(_ row: Row) -> HistorySummary {
        HistorySummary(id: UUID(uuidString: row["id"] ?? "") ?? UUID(), sentAt: Date(timeIntervalSince1970: row["sent_at"] ?? 0),
                       endpoint: Endpoint(rawValue: row["endpoint"] ?? "") ?? .track, target: row["target"] ?? "",
                       profile: row["profile"], status: status(row), latency: row["latency"], retries: row["retries"] ?? 0,
                       summary: row["summary"] ?? "", eventCount: row["event_count"] ?? 0,
                       firstEventName: row["first_event"] ?? "", subject: row["subject"])
    }

    /// A full entry from a row selected with `entryColumns` from `entryFrom`.
    static func entry(_ row: Row) -> HistoryEntry {
        let s = summary(row)
        let body: JSONValue = (row["request_body"] as String?).flatMap { try? JSONParser.parse($0) } ?? .array([])
        let placeholder = URL(string: "http://history.invalid")!
        let request = APIRequest(method: row["method"] ?? "POST", url: placeholder, headers: [], body: body, endpoint: s.endpoint)
        var e = HistoryEntry(id: s.id, sentAt: s.sentAt, request: request, target: s.target, profile: s.profile)
        // The stored URL is kept as text: it may not parse back into a URL exactly as it was written.
        e.url = row["url"] ?? ""
        e.requestHeaders = headers(row["request_headers"])
        e.responseHeaders = headers(row["response_headers"])
        e.responseBody = row["response_body"] ?? ""
        e.status = s.status
        e.latency = s.latency
        e.retries = s.retries
        e.summary = s.summary
        return e
    }
}
