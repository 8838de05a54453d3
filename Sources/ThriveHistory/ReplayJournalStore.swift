import Foundation
internal import GRDB
import ThriveCore

/// The replay journal in the history file: jobs and their requests in the v2 tables, accepted fingerprints from the
/// v1 `events` and `sends` tables. Each call is one IMMEDIATE transaction, so a journal write that returned is on
/// disk (WAL) before the engine lets the request leave.
extension SQLiteHistoryStore: ReplayJournal {
    /// SQLite's default limit on bound parameters is far above this on current builds, but older ones stop at 999.
    static let fingerprintChunk = 499

    public func createJob(_ job: ReplayJob) throws {
        try write { db in
            try db.execute(sql: """
                INSERT INTO replay_jobs (id, created_at, target, input_key, total_events, state) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [job.id.uuidString, job.createdAt.timeIntervalSince1970, job.target, job.inputKey,
                                 job.totalEvents, job.state.rawValue])
            try Self.insert(job.requests, jobID: job.id, db)
        }
    }

    public func appendRequests(jobID: UUID, _ requests: [ReplayJobRequest]) throws {
        try write { db in try Self.insert(requests, jobID: jobID, db) }
    }

    private static func insert(_ requests: [ReplayJobRequest], jobID: UUID, _ db: Database) throws {
        let insert = try db.cachedStatement(sql: """
            INSERT INTO replay_requests (job_id, request_index, endpoint, send_id, event_numbers, state, http_status, reason)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for r in requests {
            try insert.execute(arguments: [jobID.uuidString, r.index, r.endpoint.rawValue, r.sendID?.uuidString,
                                           numbersText(r.eventNumbers), r.state.rawValue, r.httpStatus, r.reason])
        }
    }

    public func latestUnfinishedJob(inputKey: String, target: String) throws -> ReplayJob? {
        try read { db in
            guard let id = try String.fetchOne(db, sql: """
                SELECT id FROM replay_jobs WHERE input_key = ? AND target = ? AND state != 'finished'
                ORDER BY created_at DESC LIMIT 1
                """, arguments: [inputKey, target]) else { return nil }
            return try Self.job(id: id, db)
        }
    }

    public func job(id: UUID) throws -> ReplayJob? {
        try read { db in try Self.job(id: id.uuidString, db) }
    }

    public func markSending(jobID: UUID, index: Int, sendID: UUID, eventNumbers: [Int]) throws {
        try write { db in
            try db.execute(sql: """
                UPDATE replay_requests SET state = 'sending', send_id = ?, event_numbers = ?, http_status = NULL, reason = NULL
                WHERE job_id = ? AND request_index = ?
                """, arguments: [sendID.uuidString, Self.numbersText(eventNumbers), jobID.uuidString, index])
        }
    }

    public func markFinished(jobID: UUID, index: Int, state: ReplayRequestState, httpStatus: Int?, reason: String?) throws {
        try write { db in
            try db.execute(sql: """
                UPDATE replay_requests SET state = ?, http_status = ?, reason = ? WHERE job_id = ? AND request_index = ?
                """, arguments: [state.rawValue, httpStatus, reason, jobID.uuidString, index])
        }
    }

    public func finishJob(id: UUID, state: ReplayJobState) throws {
        try write { db in
            try db.execute(sql: "UPDATE replay_jobs SET state = ? WHERE id = ?", arguments: [state.rawValue, id.uuidString])
        }
    }

    public func acceptedFingerprints(target: String, among: [String]) throws -> [String: Date] {
        let unique = Array(Set(among))
        var out: [String: Date] = [:]
        try read { db in
            for start in stride(from: 0, to: unique.count, by: Self.fingerprintChunk) {
                let chunk = Array(unique[start..<min(unique.count, start + Self.fingerprintChunk)])
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                // The fingerprint index picks the few matching events; the join then checks each one's send.
                let rows = try Row.fetchAll(db, sql: """
                    SELECT e.fingerprint AS fingerprint, MIN(s.sent_at) AS sent_at
                    FROM events e JOIN sends s ON s.seq = e.send_seq
                    WHERE e.fingerprint IN (\(marks)) AND s.target = ? AND s.outcome = 'answered'
                      AND s.status BETWEEN 200 AND 299
                    GROUP BY e.fingerprint
                    """, arguments: StatementArguments(chunk + [target]))
                for row in rows {
                    let fingerprint: String = row["fingerprint"]
                    let sentAt: Double = row["sent_at"]
                    out[fingerprint] = Date(timeIntervalSince1970: sentAt)
                }
            }
        }
        return out
    }

    private static func job(id: String, _ db: Database) throws -> ReplayJob? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM replay_jobs WHERE id = ?", arguments: [id]),
              let uuid = UUID(uuidString: id) else { return nil }
        let requests = try Row.fetchAll(db, sql: """
            SELECT * FROM replay_requests WHERE job_id = ? ORDER BY request_index
            """, arguments: [id]).map { r in
            ReplayJobRequest(index: r["request_index"], endpoint: Endpoint(rawValue: r["endpoint"] ?? "") ?? .track,
                             eventNumbers: numbers(r["event_numbers"]),
                             state: ReplayRequestState(rawValue: r["state"] ?? "") ?? .unknown,
                             sendID: (r["send_id"] as String?).flatMap(UUID.init(uuidString:)),
                             httpStatus: r["http_status"], reason: r["reason"])
        }
        return ReplayJob(id: uuid, createdAt: Date(timeIntervalSince1970: row["created_at"]), target: row["target"],
                         inputKey: row["input_key"], totalEvents: row["total_events"],
                         state: ReplayJobState(rawValue: row["state"] ?? "") ?? .running, requests: requests)
    }

    static func numbersText(_ numbers: [Int]) -> String { numbers.map(String.init).joined(separator: ",") }

    static func numbers(_ text: String?) -> [Int] {
        (text ?? "").split(separator: ",").compactMap { Int($0) }
    }
}
