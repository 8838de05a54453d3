import Foundation
internal import GRDB
import ThriveCore

extension SQLiteHistoryStore {
    /// How many full entries `forEach` reads per transaction: enough to amortise the query, few enough that an
    /// export holds little in memory and never keeps a read open (which would stop WAL checkpoints) for long.
    static let streamBatch = 256

    public func count(matching query: HistoryQuery) throws -> Int {
        let q = CompiledQuery(query)
        return try read { db in try count(q, db, Snapshot(db)) }
    }

    public func summaries(matching query: HistoryQuery, in range: Range<Int>) throws -> [HistorySummary] {
        let q = CompiledQuery(query)
        return try read { db in try page(q, range, db, Snapshot(db)) }
    }

    public func entry(id: UUID) throws -> HistoryEntry? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT \(HistoryRows.entryColumns) FROM \(HistoryRows.entryFrom) WHERE s.id = ?",
                             arguments: [id.uuidString]).map(HistoryRows.entry)
        }
    }

    public func entries(idPrefix: String, limit: Int) throws -> [HistoryEntry] {
        guard limit > 0 else { return [] }
        // Ids are stored upper-case and contain only hex digits and `-`, all below `~`: a range on the unique index.
        let low = idPrefix.uppercased()
        return try read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(HistoryRows.entryColumns) FROM \(HistoryRows.entryFrom)
                WHERE s.id >= ? AND s.id < ? ORDER BY s.seq DESC LIMIT ?
                """, arguments: [low, low + "~", limit]).map(HistoryRows.entry)
        }
    }

    /// Reads in batches by seq, newest first, calling `body` outside any database access so it may itself use the
    /// store (GRDB forbids re-entering a connection) and take its time without holding a read transaction.
    public func forEach(matching query: HistoryQuery, limit: Int?, _ body: (HistoryEntry) throws -> Void) throws {
        let q = CompiledQuery(query)
        var remaining = limit ?? Int.max
        var below = Int64.max
        while remaining > 0 {
            let (sql, args) = q.and("\(q.orderKey) < ?", [below])
            let batch = try read { db in
                try Row.fetchAll(db, sql: """
                    SELECT \(HistoryRows.entryColumns) FROM \(HistoryRows.entryFrom)
                    WHERE s.seq IN (SELECT seq FROM \(q.pageFrom) WHERE \(sql) ORDER BY \(q.orderKey) DESC LIMIT ?)
                    ORDER BY s.seq DESC
                    """, arguments: args + [min(remaining, Self.streamBatch)])
                    .map { (seq: $0["seq"] as Int64, entry: HistoryRows.entry($0)) }
            }
            for item in batch { try body(item.entry) }
            guard let last = batch.last, batch.count == min(remaining, Self.streamBatch) else { return }
            remaining -= batch.count
            below = last.seq
        }
    }
}
