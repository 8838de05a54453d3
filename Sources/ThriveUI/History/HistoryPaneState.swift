import Foundation

/// The history pane: the store's entries under a scroll that follows new rows unless the user scrolled back.
public struct HistoryPaneState: Sendable {
    public var store: any HistoryStore
    public var scroll = ScrollState(.list, tracksBottom: true)

    public init(store: any HistoryStore) {
        self.store = store
        scroll.resize(count: store.entries.count)
    }

    public var count: Int { store.entries.count }
    public var selection: Int { scroll.selection }
    public var follow: Bool { scroll.followsBottom }
    public var selectedEntry: HistoryEntry? { store.entries.indices.contains(selection) ? store.entries[selection] : nil }

    public func entry(id: UUID) -> HistoryEntry? { store.entries.last { $0.id == id } }

    public mutating func append(_ entry: HistoryEntry) {
        store.append(entry)
        scroll.resize(count: count)
    }

    public mutating func update(_ entry: HistoryEntry) { store.update(entry) }
}
