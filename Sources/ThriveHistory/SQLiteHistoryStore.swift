import Foundation
internal import GRDB
import ThriveCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The durable history: one SQLite file (WAL mode) that the UI, `send` and other thrive-inspector processes share.
/// Rows are written before a request leaves and rewritten when it ends, so a crash leaves an honest
/// "interrupted" row rather than nothing. Every write is redacted first; reads page by seq so the list stays fast
/// at 100,000 rows. Agrees with `InMemoryHistoryStore` on every query and position.
public final class SQLiteHistoryStore: HistoryStore {
    /// The history file.
    public let url: URL
    let pool: DatabasePool
    let state: LockedState<StoreState>

    private init(url: URL, pool: DatabasePool, secrets: [String]) {
        self.url = url
        self.pool = pool
        state = LockedState(StoreState(secrets: secrets))
    }

    /// Opens (creating when missing) the history at `url`, upgrades its schema, and marks rows left in flight by
    /// dead processes as interrupted. Throws `HistoryStoreError` for a file it cannot use, leaving that file as it was.
    public static func open(at url: URL, secrets: [String] = []) throws -> SQLiteHistoryStore {
        let path = url.path
        let existing = try HistoryFile.prepare(url)
        var config = Configuration()
        // Another process (a second window, `send` in a script) may hold the write lock for a moment; waiting beats
        // "database is locked".
        config.busyMode = .timeout(10)
        config.label = "thrive-history"
        // A big prune writes its whole change to the WAL (100 MB at 100,000 rows); without a limit the file keeps
        // that size forever. With one, SQLite truncates it back after the next checkpoint.
        //
        // synchronous = NORMAL: in WAL mode a commit is then not fsynced (the WAL is synced at checkpoints). A commit
        // that returned still survives a crash or SIGKILL of the process (it is in the OS's page cache), which is what
        // resuming a killed replay relies on; only a power loss or OS crash can lose the last commits (never corrupt
        // the file). For a history file that is the right trade: a replay commits ~4 times per request, and FULL
        // (SQLite's default) adds an fsync to each commit while the write lock is held.
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_size_limit = 8388608")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        let pool: DatabasePool
        do {
            // Processes opening the file together (a script starting eight `send`s) take turns here: two first opens
            // of a new file could otherwise interleave switching it to WAL and building the schema, and one was seen
            // to end up writing before the tables existed.
            pool = try HistoryFile.whileHoldingFolderLock(of: url) {
                if existing { try HistoryFile.inspect(path, config) }
                let pool = try DatabasePool(path: path, configuration: config)
                try HistoryFile.migrate(pool, path: path)
                return pool
            }
        } catch {
            throw HistoryStoreError.wrapping(error, path: path, action: "open")
        }
        let store = SQLiteHistoryStore(url: url, pool: pool, secrets: secrets)
        _ = try store.sweepInterrupted()
        return store
    }

    // MARK: Writing

    public func record(_ entry: HistoryEntry) throws {
        try record(entry, ownerPID: getpid())
    }

    /// `record` as if written by `ownerPID`: how tests leave a row behind for a process that has died.
    func record(_ entry: HistoryEntry, ownerPID: Int32) throws {
        // Row values (fingerprints, the compact body) are worked out before taking the write lock.
        let prepared = HistoryRows.Prepared(sanitized(entry))
        try write { db in
            // Recording an id again replaces the old row (ids are unique in the file); the delete can move positions.
            try db.execute(sql: "DELETE FROM sends WHERE id = ?", arguments: [prepared.entry.id.uuidString])
            if db.changesCount > 0 { try HistorySchema.bumpGeneration(db) }
            try HistoryRows.insert(prepared, ownerPID: ownerPID, db)
        }
    }

    public func update(_ entry: HistoryEntry) throws {
        let prepared = HistoryRows.Prepared(forOutcome: sanitized(entry))
        try write { db in
            if try HistoryRows.rewrite(prepared, db) { try HistorySchema.bumpGeneration(db) }
        }
    }

    /// Writes many entries that have already ended in one transaction (imports, the benchmark's fixtures): far
    /// faster than `record` + `update` per entry. An entry whose id is already stored replaces it.
    public func recordFinished(_ entries: [HistoryEntry]) throws {
        guard !entries.isEmpty else { return }
        let clean = entries.map(sanitized)
        let pid = getpid()
        try write { db in
            var rewrote = false
            for e in clean {
                if try HistoryRows.rewrite(e, db) { rewrote = true } else { try HistoryRows.insert(e, ownerPID: pid, db) }
            }
            if rewrote { try HistorySchema.bumpGeneration(db) }
        }
    }

    /// Marks rows still in flight whose writing process is gone as interrupted; returns how many. Rows of a live
    /// process (this one, or another window) are left alone: their sends may still finish.
    @discardableResult
    public func sweepInterrupted() throws -> Int {
        try write { db in
            let pids = try Int64.fetchAll(db, sql: "SELECT DISTINCT owner_pid FROM sends WHERE outcome = 'in_flight'")
            let dead = pids.filter { !HistoryFile.isAlive(pid: $0) }
            guard !dead.isEmpty else { return 0 }
            let list = dead.map(String.init).joined(separator: ", ")
            let seqs = try Int64.fetchAll(db, sql: "SELECT seq FROM sends WHERE outcome = 'in_flight' AND owner_pid IN (\(list))")
            let summary = HistorySchema.interruptedSummary
            for seq in seqs {
                try db.execute(sql: """
                    UPDATE sends SET outcome = 'interrupted', status = NULL, failure_kind = NULL, failure_message = NULL,
                    summary = ? WHERE seq = ?
                    """, arguments: [summary, seq])
                try db.execute(sql: "UPDATE send_payloads SET summary_text = ? WHERE seq = ?", arguments: [summary, seq])
            }
            try HistorySchema.bumpGeneration(db)
            return seqs.count
        }
    }

    public func addSecret(_ secret: String) {
        state.withLock { if !$0.secrets.contains(secret) { $0.secrets.append(secret) } }
    }

    public func prune(olderThan: Date?, keepNewest: Int?) throws -> Int {
        try write { db in
            var deleted = 0
            if let olderThan {
                try db.execute(sql: "DELETE FROM sends WHERE sent_at < ? AND outcome <> 'in_flight'", arguments: [olderThan.timeIntervalSince1970])
                deleted += db.changesCount
            }
            if let keepNewest {
                if keepNewest <= 0 {
                    try db.execute(sql: "DELETE FROM sends WHERE outcome <> 'in_flight'")
                } else {
                    try db.execute(sql: "DELETE FROM sends WHERE outcome <> 'in_flight' AND seq <= (SELECT seq FROM sends ORDER BY seq DESC LIMIT 1 OFFSET ?)",
                                   arguments: [keepNewest])
                }
                deleted += db.changesCount
            }
            if deleted > 0 { try HistorySchema.bumpGeneration(db) }
            return deleted
        }
    }

    /// Moves everything in the WAL into the main file and empties the WAL: before copying the file elsewhere.
    public func checkpoint() throws {
        do { _ = try pool.writeWithoutTransaction { try $0.checkpoint(.truncate) } } catch {
            throw HistoryStoreError.wrapping(error, path: url.path, action: "write to")
        }
    }

    /// Closes the file; later calls throw. Not needed before exit (SQLite's WAL is safe without it).
    public func close() throws {
        do { try pool.close() } catch { throw HistoryStoreError.wrapping(error, path: url.path, action: "close") }
    }

    // MARK: Helpers

    /// FTS5's own check that the search index matches the payloads it was built from (`rank = 1` compares it with
    /// the content table); throws when it does not. Tests run it after every kind of write.
    func checkSearchIndex() throws {
        try write { db in try db.execute(sql: "INSERT INTO sends_fts (sends_fts, rank) VALUES ('integrity-check', 1)") }
    }

    private func sanitized(_ entry: HistoryEntry) -> HistoryEntry {
        HistoryRedaction.sanitized(entry, secrets: state.withLock { $0.secrets })
    }

    /// One IMMEDIATE transaction: it takes the write lock up front (waiting under the busy timeout), so a
    /// read-then-write inside can never fail with SQLITE_BUSY when another process commits in between.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        } catch {
            throw HistoryStoreError.wrapping(error, path: url.path, action: "write to")
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.read(body) } catch {
            throw HistoryStoreError.wrapping(error, path: url.path, action: "read")
        }
    }
}
