import Foundation

/// Where history lives: the SQLite store (ThriveHistory) for real runs, `InMemoryHistoryStore` for tests and
/// `--no-history`. A reference type because it is a shared resource: the UI, `send` and exports talk to the same
/// file, and other processes may write to it too.
///
/// Positions: `summaries(matching:in:)` numbers the rows that match a query oldest first, 0 being the oldest, so
/// a list can show a window of them without loading the rest. Implementations keep these calls fast at 100,000
/// rows (an indexed page, not a scan), because the UI calls them on a keystroke.
public protocol HistoryStore: AnyObject, Sendable {
    /// Writes a send before its request leaves (status `.inFlight`), so a crash mid-send still leaves a row.
    func record(_ entry: HistoryEntry) throws
    /// Stores how a send ended (the entry with the same id); an unknown id is ignored.
    func update(_ entry: HistoryEntry) throws
    /// How many rows match.
    func count(matching query: HistoryQuery) throws -> Int
    /// The rows at `range` of those matching `query`, oldest first; fewer when the range runs past the end.
    func summaries(matching query: HistoryQuery, in range: Range<Int>) throws -> [HistorySummary]
    /// One entry, in full.
    func entry(id: UUID) throws -> HistoryEntry?
    /// Entries whose id starts with `prefix` (case-insensitive), at most `limit`: `history show 3f2a`.
    func entries(idPrefix: String, limit: Int) throws -> [HistoryEntry]
    /// Calls `body` with each full entry matching `query`, newest first, at most `limit`; streams, so an export
    /// of the whole history does not hold it in memory.
    func forEach(matching query: HistoryQuery, limit: Int?, _ body: (HistoryEntry) throws -> Void) throws
    /// Deletes entries sent before `olderThan` and those beyond the newest `keepNewest`; returns how many went.
    func prune(olderThan: Date?, keepNewest: Int?) throws -> Int
    /// A secret to scrub from everything written from now on (the API key in use).
    func addSecret(_ secret: String)
}

extension HistoryStore {
    /// Calls `body` with each entry matching `query`, oldest first, a page of rows at a time: exports read in
    /// the order things happened, and a long history never sits in memory at once.
    public func forEachOldestFirst(matching query: HistoryQuery, _ body: (HistoryEntry) throws -> Void) throws {
        let total = try count(matching: query)
        var start = 0
        while start < total {
            let page = try summaries(matching: query, in: start..<min(total, start + 500))
            if page.isEmpty { break }
            for row in page {
                if let entry = try entry(id: row.id) { try body(entry) }
            }
            start += page.count
        }
    }

    /// Full entries matching `query`, newest first.
    public func entries(matching query: HistoryQuery = HistoryQuery(), limit: Int? = nil) throws -> [HistoryEntry] {
        var out: [HistoryEntry] = []
        try forEach(matching: query, limit: limit) { out.append($0) }
        return out
    }
}

/// The store used in tests and when history is off: entries kept in memory for this run, bounded so a long
/// session cannot grow without limit. Queries are matched in Swift (`HistoryQuery.matches`).
// @unchecked Sendable: every stored property is read and written only while `lock` is held.
public final class InMemoryHistoryStore: HistoryStore, @unchecked Sendable {
    private let lock = NSLock()
    private var rows: [HistoryEntry] = []
    private var secrets: [String] = []
    public let capacity: Int

    public init(capacity: Int = 50_000, entries: [HistoryEntry] = []) {
        self.capacity = capacity
        rows = Array(entries.suffix(capacity))
    }

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock(); defer { lock.unlock() }
        return try body()
    }

    /// Every entry, oldest first.
    public var all: [HistoryEntry] { locked { rows } }

    public func record(_ entry: HistoryEntry) {
        locked {
            // Ids are unique, as in the SQLite store: recording one again replaces it.
            rows.removeAll { $0.id == entry.id }
            if rows.count >= capacity { rows.removeFirst(rows.count - capacity + 1) }
            rows.append(entry.redacting(secrets))
        }
    }

    public func update(_ entry: HistoryEntry) {
        locked {
            guard let i = rows.lastIndex(where: { $0.id == entry.id }) else { return }
            rows[i] = entry.redacting(secrets)
        }
    }

    private func matching(_ query: HistoryQuery) -> [HistoryEntry] {
        query.isEmpty ? rows : rows.filter { query.matches($0) }
    }

    public func count(matching query: HistoryQuery) -> Int { locked { matching(query).count } }

    public func summaries(matching query: HistoryQuery, in range: Range<Int>) -> [HistorySummary] {
        locked {
            let m = matching(query)
            let r = range.clamped(to: 0..<m.count)
            return m[r].map(\.summaryRow)
        }
    }

    public func entry(id: UUID) -> HistoryEntry? { locked { rows.last { $0.id == id } } }

    public func entries(idPrefix: String, limit: Int) -> [HistoryEntry] {
        let p = idPrefix.lowercased()
        return locked { Array(rows.reversed().filter { $0.id.uuidString.lowercased().hasPrefix(p) }.prefix(max(0, limit))) }
    }

    public func forEach(matching query: HistoryQuery, limit: Int?, _ body: (HistoryEntry) throws -> Void) throws {
        let m = locked { matching(query).reversed().prefix(limit ?? Int.max) }
        for e in m { try body(e) }
    }

    public func prune(olderThan: Date?, keepNewest: Int?) -> Int {
        locked {
            let before = rows.count
            // A send in flight is never pruned: its row must be there when it ends.
            if let olderThan { rows.removeAll { $0.sentAt < olderThan && $0.outcome != .inFlight } }
            if let keepNewest, rows.count > keepNewest {
                let cut = rows.count - max(0, keepNewest)
                rows = rows.enumerated().filter { $0.offset >= cut || $0.element.outcome == .inFlight }.map(\.element)
            }
            return before - rows.count
        }
    }

    public func addSecret(_ secret: String) { locked { if !secrets.contains(secret) { secrets.append(secret) } } }
}
