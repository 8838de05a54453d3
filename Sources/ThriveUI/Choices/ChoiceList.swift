import Foundation
import ThriveCore

/// A list to pick one item from, drawn as a modal: the command palette (with a fuzzy filter line), the
/// profile list (`p`) and the copy-as menu (`c`).
public struct ChoiceList: Sendable, Equatable {
    /// What choosing an item does.
    public enum Purpose: Sendable, Equatable {
        case palette
        case profiles
        /// Copy the draft, or a history entry, as code.
        case copyAs(CopySource)
    }

    /// One row: a stable id the update function acts on, the text, a detail on the right (a key, a target).
    public struct Item: Sendable, Equatable {
        public var id: String
        public var label: String
        public var detail: String
        public init(id: String, label: String, detail: String = "") { self.id = id; self.label = label; self.detail = detail }
    }

    public var purpose: Purpose
    public var title: String
    public private(set) var items: [Item]
    /// The typed filter; nil for lists without one (letters are then keys of their own, like `s` and `k`).
    public private(set) var filter: LineEditor?
    /// Indices into `items` that match the filter, best first.
    public private(set) var shown: [Int]
    public var scroll = ScrollState(.list)
    /// The copy-as menu's choice: the key in the snippet, or `••••`.
    public var revealKey = false

    public init(purpose: Purpose, title: String, items: [Item], filterable: Bool, selected: Int = 0) {
        self.purpose = purpose; self.title = title; self.items = items
        filter = filterable ? LineEditor(text: "") : nil
        shown = Array(items.indices)
        scroll.resize(count: shown.count, height: max(1, shown.count))
        scroll.select(selected)
    }

    public var selectedItem: Item? { shown.indices.contains(scroll.selection) ? items[shown[scroll.selection]] : nil }

    /// Applies an editing action to the filter line; true when it was one.
    mutating func editFilter(_ action: Action) -> Bool {
        guard var f = filter, f.apply(action) else { return false }
        filter = f
        refilter()
        return true
    }

    mutating func typeFilter(_ text: String) {
        guard var f = filter else { return }
        f.insert(text)
        filter = f
        refilter()
    }

    private mutating func refilter() {
        let query = filter?.text ?? ""
        if query.isEmpty {
            shown = Array(items.indices)
        } else {
            let scored = items.indices.compactMap { i in FuzzyMatch.score(query, in: items[i].label + " " + items[i].detail).map { (i, $0) } }
            // Stable: equal scores keep the list's own order, so the same text always lists the same way.
            shown = scored.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.map(\.0)
        }
        scroll.resize(count: shown.count)
        scroll.toTop()
    }
}

/// Subsequence matching as command palettes do it: every typed character must appear in order; runs of
/// consecutive characters and characters at word starts score higher. Case is ignored.
public enum FuzzyMatch {
    /// nil when `query` is not a subsequence of `text`.
    public static func score(_ query: String, in text: String) -> Int? {
        let q = Array(query.lowercased().filter { !$0.isWhitespace })
        let t = Array(text.lowercased())
        guard !q.isEmpty else { return 0 }
        var score = 0, qi = 0, previous = -2
        // Greedy matching can take a letter from the wrong word; a typed word found whole in the text settles it.
        let lowered = text.lowercased()
        for word in query.lowercased().split(separator: " ") where word.count > 1 && lowered.contains(word) { score += 10 * word.count }
        for (ti, c) in t.enumerated() where qi < q.count && c == q[qi] {
            score += 1
            if ti == previous + 1 { score += 4 }
            if ti == 0 || !(t[ti - 1].isLetter || t[ti - 1].isNumber) { score += 3 }
            previous = ti
            qi += 1
        }
        return qi == q.count ? score : nil
    }
}

/// What a copy-as menu copies.
public enum CopySource: Sendable, Equatable {
    case draft
    case history(id: UUID)
}
