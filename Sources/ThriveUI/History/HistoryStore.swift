import Foundation

/// Where history entries live. In memory today; a SQLite store can implement the same interface later.
public protocol HistoryStore: Sendable {
    /// Entries, oldest first.
    var entries: [HistoryEntry] { get }
    mutating func append(_ entry: HistoryEntry)
    /// Replaces the entry with the same id (a send finishing); ignored when the id is unknown.
    mutating func update(_ entry: HistoryEntry)
    /// Entries whose event names, URL, status or bodies contain `text` (case-insensitive).
    func search(_ text: String) -> [HistoryEntry]
}

/// The default store: an array kept in memory for this run, bounded so a long session cannot grow without limit.
public struct InMemoryHistoryStore: HistoryStore {
    public private(set) var entries: [HistoryEntry] = []
    private var index: [UUID: Int] = [:]
    public let capacity: Int

    public init(capacity: Int = 50_000) { self.capacity = capacity }

    public mutating func append(_ entry: HistoryEntry) {
        if entries.count >= capacity {
            entries.removeFirst(entries.count - capacity + 1)
            reindex()
        }
        index[entry.id] = entries.count
        entries.append(entry)
    }

    public mutating func update(_ entry: HistoryEntry) {
        guard let i = index[entry.id], entries.indices.contains(i), entries[i].id == entry.id else { return }
        entries[i] = entry
    }

    public func search(_ text: String) -> [HistoryEntry] {
        guard !text.isEmpty else { return entries }
        return entries.filter { e in
            e.eventNames.contains { $0.localizedCaseInsensitiveContains(text) } || e.url.localizedCaseInsensitiveContains(text)
                || e.summary.localizedCaseInsensitiveContains(text) || e.responseBody.localizedCaseInsensitiveContains(text)
        }
    }

    private mutating func reindex() {
        index = Dictionary(uniqueKeysWithValues: entries.enumerated().map { ($1.id, $0) })
    }
}
