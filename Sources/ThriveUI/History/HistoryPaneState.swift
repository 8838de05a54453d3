import Foundation
import ThriveCore

/// The history pane: a window of rows paged from the store under a scroll that follows new rows unless the
/// user scrolled back. Only the rows around the view are held, so 100,000 rows cost what 100 do.
///
/// The store is read synchronously: a page is an indexed query of well under a millisecond, and reading it
/// in `update` means a frame never shows a half-loaded list. Errors from the store become `storeError`, shown
/// in the pane, never a crash.
public struct HistoryPaneState: Sendable {
    public let store: any HistoryStore
    public var scroll = ScrollState(.list, tracksBottom: true)
    /// The search in force (an empty query shows everything).
    public private(set) var query = HistoryQuery()
    /// The search text as typed; kept after Enter so the title can show what filters the list.
    public private(set) var searchText = ""
    /// The search line while `/` is open.
    public var searchEditor: LineEditor?
    /// True while typed text waits for the pause that runs it.
    public var searchPending = false
    /// Why the text being typed is not a query yet (the list keeps the last good one).
    public private(set) var searchError: String?
    /// The entry marked with `m`, to compare with another.
    public var marked: UUID?
    /// Rows matching the query.
    public private(set) var count = 0
    /// The cached rows: positions `windowStart ..< windowStart + window.count`.
    public private(set) var windowStart = 0
    public private(set) var window: [HistorySummary] = []
    /// The last failure reading the store, in words.
    public private(set) var storeError: String?

    public init(store: any HistoryStore) {
        self.store = store
        reload()
    }

    public var selection: Int { scroll.selection }
    public var follow: Bool { scroll.followsBottom }
    public var isSearching: Bool { searchEditor != nil }
    /// True when the search line takes the pane's first row: while typing, or while a search filters the list.
    public var showsSearchLine: Bool { isSearching || !searchText.isEmpty }

    /// The row at position `i`, when it is in the cached window.
    public func row(_ i: Int) -> HistorySummary? {
        let k = i - windowStart
        return window.indices.contains(k) ? window[k] : nil
    }

    public var selectedRow: HistorySummary? { row(selection) }

    /// The selected entry in full, read from the store.
    public var selectedEntry: HistoryEntry? { selectedRow.flatMap { entry(id: $0.id) } }

    public func entry(id: UUID) -> HistoryEntry? { try? store.entry(id: id) }

    /// Counts again and drops the window (a new query, rows written by another process, a prune).
    public mutating func reload() {
        do {
            count = try store.count(matching: query)
            storeError = nil
        } catch {
            count = 0
            storeError = "history could not be read: \(error)"
        }
        window = []
        scroll.resize(count: count)
        loadWindow()
    }

    /// Makes sure the rows in view are cached: fetched with a page either side, so a keystroke or a page
    /// move is usually served from memory and otherwise costs one small query.
    public mutating func loadWindow() {
        let visible = scroll.visible
        guard !visible.isEmpty else { return }
        if !window.isEmpty, visible.lowerBound >= windowStart, visible.upperBound <= windowStart + window.count { return }
        let pad = max(scroll.height, 20)
        let lower = max(0, visible.lowerBound - pad), upper = min(count, visible.upperBound + pad)
        do {
            window = try store.summaries(matching: query, in: lower..<upper)
            windowStart = lower
        } catch {
            window = []
            storeError = "history could not be read: \(error)"
        }
    }

    /// Writes a send before its request leaves. Returns the error in words when the store refused it; the
    /// send goes ahead either way (the person asked for it), and the status line says the row is missing.
    public mutating func record(_ entry: HistoryEntry) -> String? {
        do {
            try store.record(entry)
        } catch {
            return "this send is not in the history: \(error)"
        }
        reload()
        return nil
    }

    /// Stores how a send ended and refreshes its row if it is in view.
    public mutating func update(_ entry: HistoryEntry) -> String? {
        do {
            try store.update(entry)
        } catch {
            return "the history could not store this result: \(error)"
        }
        if let k = window.firstIndex(where: { $0.id == entry.id }) {
            if query.matches(entry) { window[k] = entry.summaryRow } else { reload() }
        } else if query.matches(entry) {
            // Under a search (status:2xx), a send starts outside the list and joins it when it ends.
            reload()
        }
        return nil
    }

    /// Applies a search. A text that does not parse keeps the last good query and says why.
    public mutating func setSearch(_ text: String, now: Date) {
        searchText = text
        switch HistoryQuery.parse(text, now: now) {
        case .success(let q):
            searchError = nil
            guard q != query else { return }
            query = q
            scroll.toBottom()
            reload()
        case .failure(let e):
            searchError = e.message
        }
    }
}
