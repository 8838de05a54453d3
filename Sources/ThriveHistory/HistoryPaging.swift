import Foundation
internal import GRDB
import ThriveCore

/// What the store remembers about one query between calls: its count and the last page's (position → seq)
/// anchors. Both are tagged with the `history_meta.generation` they were computed at; appends never move existing
/// positions (seq only grows), so a count is extended with the rows past `countMaxSeq` and anchors stay exact.
struct QueryMemo: Sendable {
    var countGeneration: Int64 = -1
    var countMaxSeq: Int64 = -1
    var count = 0
    var anchorGeneration: Int64 = -1
    /// Anchors are only trusted by reads that see at least the rows they were taken from: a read on an older
    /// snapshot (another thread's, begun before an append) would otherwise label old rows with new positions.
    var anchorMaxSeq: Int64 = .max
    var anchors: [Int: Int64] = [:]
    var lastUse: UInt64 = 0
}

/// The store's mutable state: secrets and a few query memos (the UI alternates between a handful of queries).
struct StoreState: Sendable {
    var secrets: [String]
    var memos: [String: QueryMemo] = [:]
    var tick: UInt64 = 0
    static let maxMemos = 8

    mutating func memo(_ key: String) -> QueryMemo? { memos[key] }

    mutating func update(_ key: String, _ change: (inout QueryMemo) -> Void) {
        tick += 1
        var m = memos[key] ?? QueryMemo()
        change(&m)
        m.lastUse = tick
        memos[key] = m
        if memos.count > StoreState.maxMemos, let oldest = memos.min(by: { $0.value.lastUse < $1.value.lastUse })?.key {
            memos[oldest] = nil
        }
    }
}

/// The state of the file one read sees.
struct Snapshot {
    var generation: Int64
    var maxSeq: Int64

    init(_ db: Database) throws {
        generation = try HistorySchema.generation(db)
        maxSeq = try Int64.fetchOne(db, sql: "SELECT max(seq) FROM sends") ?? 0
    }
}

extension SQLiteHistoryStore {
    /// How far a keyset read may skip rows from an anchor before a jump from the nearer end is cheaper.
    static let maxAnchorSkip = 2_000

    func count(_ q: CompiledQuery, _ db: Database, _ snap: Snapshot) throws -> Int {
        let memo = state.withLock { $0.memo(q.key) }
        var n: Int
        if let memo, memo.countGeneration == snap.generation, memo.countMaxSeq <= snap.maxSeq {
            n = memo.count
            if memo.countMaxSeq < snap.maxSeq {
                let (sql, args) = q.and("\(q.orderKey) > ?", [memo.countMaxSeq])
                n += try Int.fetchOne(db, sql: "SELECT count(*) FROM \(q.from) WHERE \(sql)", arguments: args) ?? 0
            }
        } else {
            n = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(q.from) WHERE \(q.whereSQL)", arguments: q.arguments) ?? 0
        }
        state.withLock {
            $0.update(q.key) { m in m.countGeneration = snap.generation; m.countMaxSeq = snap.maxSeq; m.count = n }
        }
        return n
    }

    func page(_ q: CompiledQuery, _ range: Range<Int>, _ db: Database, _ snap: Snapshot) throws -> [HistorySummary] {
        let lo = max(0, range.lowerBound), hi = range.upperBound
        guard hi > lo else { return [] }
        var rows: [Row]?
        if let memo = state.withLock({ $0.memo(q.key) }), memo.anchorGeneration == snap.generation,
           memo.anchorMaxSeq <= snap.maxSeq, !memo.anchors.isEmpty {
            rows = try fromAnchors(memo.anchors, q, lo, hi, db)
        }
        if rows == nil {
            let n = try count(q, db, snap)
            let end = min(hi, n)
            guard lo < end else { return [] }
            if lo <= n - end {
                rows = try fetch(q, nil, ascending: true, limit: end - lo, skip: lo, db)
            } else {
                rows = try fetch(q, nil, ascending: false, limit: end - lo, skip: n - end, db).reversed()
            }
        }
        let found = rows ?? []
        if !found.isEmpty {
            // Both ends of the page are what the next move needs; an export-sized range keeps just those.
            var anchors: [Int: Int64] = [:]
            for (i, row) in found.enumerated() where i < 256 || i >= found.count - 256 { anchors[lo + i] = row["seq"] }
            state.withLock {
                $0.update(q.key) { m in m.anchorGeneration = snap.generation; m.anchorMaxSeq = snap.maxSeq; m.anchors = anchors }
            }
        }
        return found.map(HistoryRows.summary)
    }

    /// Keyset reads from the last page's anchors; nil when no anchor is near enough (or they disagree with the
    /// file, which a correct generation makes impossible, but a wrong page must never be shown).
    private func fromAnchors(_ anchors: [Int: Int64], _ q: CompiledQuery, _ lo: Int, _ hi: Int, _ db: Database) throws -> [Row]? {
        if let s = anchors[lo] {
            return try fetch(q, (">=", s), ascending: true, limit: hi - lo, skip: 0, db)
        }
        if let s = anchors[hi - 1] {
            let rows = try fetch(q, ("<=", s), ascending: false, limit: hi - lo, skip: 0, db)
            return rows.count == hi - lo ? rows.reversed() : nil
        }
        guard let first = anchors.keys.min(), let last = anchors.keys.max() else { return nil }
        if last < lo, lo - last <= Self.maxAnchorSkip, let s = anchors[last] {
            return try fetch(q, (">", s), ascending: true, limit: hi - lo, skip: lo - last - 1, db)
        }
        if first > hi - 1, first - hi <= Self.maxAnchorSkip, let s = anchors[first] {
            let rows = try fetch(q, ("<", s), ascending: false, limit: hi - lo, skip: first - hi, db)
            return rows.count == hi - lo ? rows.reversed() : nil
        }
        return nil
    }

    /// `bound` is a comparison with a seq (`("<", 42)`) applied to the query's order key.
    private func fetch(_ q: CompiledQuery, _ bound: (String, Int64)?, ascending: Bool, limit: Int, skip: Int,
                       _ db: Database) throws -> [Row] {
        let (sql, args) = bound.map { q.and("\(q.orderKey) \($0.0) ?", [$0.1]) } ?? (q.whereSQL, q.arguments)
        return try Row.fetchAll(db, sql: """
            SELECT \(HistoryRows.summaryColumns) FROM \(q.pageFrom) WHERE \(sql)
            ORDER BY \(q.orderKey) \(ascending ? "ASC" : "DESC") LIMIT ? OFFSET ?
            """, arguments: args + [limit, skip])
    }
}
