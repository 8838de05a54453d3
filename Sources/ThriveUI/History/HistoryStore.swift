import Foundation

/// Where history entries live. In memory for now; the durable store will implement the same interface.
public protocol HistoryStore: Sendable {
    /// Entries, oldest first.
    var entries: [HistoryEntry] { get }
    mutating func append(_ entry: HistoryEntry)
    /// Replaces the entry with the same id (a send finishing); ignored when the id is unknown.
    mutating func update(_ entry: HistoryEntry)
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

    private mutating func reindex() {
        index = Dictionary(uniqueKeysWithValues: entries.enumerated().map { ($1.id, $0) })
    }
}
