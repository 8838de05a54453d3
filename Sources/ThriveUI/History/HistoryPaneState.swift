import Foundation

/// The history pane: a viewport over the store's entries that follows new rows unless the user scrolled back.
public struct HistoryPaneState: Sendable {
    public var store: any HistoryStore
    /// Index of the selected entry (into `store.entries`).
    public var selection = 0
    /// First visible row.
    public var offset = 0
    /// True while the view sticks to the newest entry.
    public var follow = true

    public init(store: any HistoryStore) { self.store = store }

    public var count: Int { store.entries.count }
    public var selectedEntry: HistoryEntry? { store.entries.indices.contains(selection) ? store.entries[selection] : nil }

    public mutating func append(_ entry: HistoryEntry, height: Int) {
        store.append(entry)
        if follow { selection = count - 1; scrollToSelection(height: height) }
    }

    public mutating func update(_ entry: HistoryEntry) { store.update(entry) }

    public mutating func move(_ delta: Int, height: Int) {
        guard count > 0 else { return }
        selection = min(max(0, selection + delta), count - 1)
        follow = selection == count - 1
        scrollToSelection(height: height)
    }

    public mutating func moveToStart(height: Int) { move(-count, height: height) }
    public mutating func moveToEnd(height: Int) { move(count, height: height) }

    /// Scrolls the viewport without moving past either end (mouse wheel).
    public mutating func scroll(_ delta: Int, height: Int) {
        offset = min(max(0, offset + delta), max(0, count - height))
        if selection < offset { selection = offset }
        if selection >= offset + height { selection = max(0, offset + height - 1) }
        follow = offset >= count - height && selection == count - 1
    }

    public mutating func scrollToSelection(height: Int) {
        guard height > 0 else { return }
        if selection < offset { offset = selection }
        if selection >= offset + height { offset = selection - height + 1 }
        offset = min(max(0, offset), max(0, count - height))
    }
}
