import Foundation
import TerminalScreen

/// The searchable text of a wrapped overlay: every character case-folded into one byte array, built in the
/// wrapping pass. Searches are byte scans (memchr + memcmp) over it, fast enough to repeat per keystroke on
/// a 10 MB body, and its offsets do not depend on the width, so a match survives a resize.
struct SearchIndex: Sendable, Equatable {
    /// Folded text of every logical line, each followed by a newline.
    var folded: [UInt8]
    /// Where each wrapped line's text (after any continuation mark) starts in `folded`.
    var lineStart: [Int]
    /// True for lines whose first run is the continuation mark, which is not text.
    var continuation: [Bool]

    /// Folds one character: ASCII by a byte operation, the rest by Unicode lowercasing. The query is folded
    /// the same way, character by character, so both sides agree.
    static func fold(_ c: Character, into out: inout [UInt8]) {
        let u = c.utf8
        if u.count == 1, let b = u.first {
            out.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
        } else if c.unicodeScalars.allSatisfy({ !$0.properties.changesWhenLowercased }) {
            out.append(contentsOf: u)
        } else {
            out.append(contentsOf: String(c).lowercased().utf8)
        }
    }

    static func foldedLength(_ c: Character) -> Int {
        if c.utf8.count == 1 || c.unicodeScalars.allSatisfy({ !$0.properties.changesWhenLowercased }) { return c.utf8.count }
        return String(c).lowercased().utf8.count
    }

    static func fold(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        for c in text { fold(c, into: &out) }
        return out
    }

    /// The wrapped line whose text holds byte `offset`.
    func line(containing offset: Int) -> Int {
        var lo = 0, hi = lineStart.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStart[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return max(0, lo)
    }

    /// Where wrapped line `i`'s text ends (a continuation follows on directly; a new line after a newline).
    func lineEnd(_ i: Int) -> Int {
        guard i + 1 < lineStart.count else { return max(0, folded.count - 1) }
        return lineStart[i + 1] - (continuation[i + 1] ? 0 : 1)
    }

    func start(ofLine i: Int) -> Int { lineStart.indices.contains(i) ? lineStart[i] : 0 }

    /// The first match at or after `from` that starts before `below`: a frame looks only at its own lines.
    func find(_ needle: [UInt8], from: Int, below: Int = .max) -> Int? {
        folded.withUnsafeBufferPointer { h in
            needle.withUnsafeBufferPointer { n in
                guard let hb = h.baseAddress, let nb = n.baseAddress, n.count > 0 else { return nil }
                var i = max(0, from)
                let last = min(h.count - n.count, below - 1)
                while i <= last {
                    guard let p = memchr(hb + i, Int32(n[0]), last - i + 1) else { return nil }
                    i = hb.distance(to: p.assumingMemoryBound(to: UInt8.self))
                    if memcmp(hb + i, nb, n.count) == 0 { return i }
                    i += 1
                }
                return nil
            }
        }
    }

    /// The last match that starts before `before`.
    func findLast(_ needle: [UInt8], before: Int) -> Int? {
        folded.withUnsafeBufferPointer { h in
            needle.withUnsafeBufferPointer { n in
                guard let hb = h.baseAddress, let nb = n.baseAddress, n.count > 0 else { return nil }
                var i = min(before - 1, h.count - n.count)
                while i >= 0 {
                    if h[i] == n[0], memcmp(hb + i, nb, n.count) == 0 { return i }
                    i -= 1
                }
                return nil
            }
        }
    }

    /// How many matches start before `limit` (all of them by default).
    func count(_ needle: [UInt8], before limit: Int = .max) -> Int {
        var n = 0, i = 0
        while let m = find(needle, from: i, below: limit) { n += 1; i = m + 1 }
        return n
    }
}

/// A text overlay's `/` search: the index built with its lines, the line being typed, and the current match.
public struct TextSearch: Sendable, Equatable {
    var index: SearchIndex
    /// The search line while it is being typed in; nil once kept (Enter) or closed.
    var editor: LineEditor?
    var query = ""
    var needle: [UInt8] = []
    var total = 0
    /// Byte offset in the index of the current match.
    var current: Int?
    /// The current match's number, from 1.
    var ordinal = 0

    init(index: SearchIndex) { self.index = index }

    var isEditing: Bool { editor != nil }
    var showsLine: Bool { editor != nil || !query.isEmpty }

    var summary: String {
        if needle.isEmpty { return "type to search" }
        return total == 0 ? "no match for \"\(query)\"" : "match \(ordinal) of \(total)"
    }

    /// Matches overlapping wrapped line `i`, as byte ranges, and whether each is the current one.
    func highlights(line i: Int) -> [(range: Range<Int>, current: Bool)] {
        guard !needle.isEmpty, total > 0, index.lineStart.indices.contains(i) else { return [] }
        let lo = index.lineStart[i], hi = index.lineEnd(i)
        var out: [(Range<Int>, Bool)] = []
        var at = max(0, lo - needle.count + 1)
        while let m = index.find(needle, from: at, below: hi) {
            out.append((m..<(m + needle.count), m == current))
            at = m + 1
        }
        return out
    }
}

extension TextOverlay {
    init(wrapped: WrappedText) {
        self.init(lines: wrapped.lines)
        search = TextSearch(index: wrapped.index)
    }

    var showsSearchLine: Bool { search?.showsLine ?? false }

    /// Rows left for text in `modal`: the frame and the search line come off.
    func textHeight(in modal: Rect) -> Int { modal.height - 2 - (showsSearchLine ? 1 : 0) }

    /// After re-laying for a new width: the same text stays at the top and the search carries over.
    mutating func keepPlace(from old: TextOverlay) {
        guard let previous = old.search, var s = search else { scroll = old.scroll; return }
        let top = previous.index.start(ofLine: old.scroll.offset)
        let index = s.index
        s = previous
        s.index = index
        search = s
        scroll.resize(count: lines.count, height: old.scroll.height)
        scroll.move(index.line(containing: top) - scroll.offset)
    }

    mutating func openSearch() {
        guard var s = search else { return }
        // The line takes a text row now, not at the next sync, so a match revealed at once stays in view.
        if !s.showsLine { scroll.resize(count: scroll.count, height: scroll.height - 1) }
        s.editor = LineEditor(text: s.query)
        search = s
    }

    /// The typed text changed: the first match at or after the top of the view becomes current.
    mutating func setQuery(_ text: String) {
        guard var s = search else { return }
        s.query = text
        s.needle = SearchIndex.fold(text)
        s.total = s.needle.isEmpty ? 0 : s.index.count(s.needle)
        s.current = nil
        s.ordinal = 0
        if s.total > 0 {
            let top = s.index.start(ofLine: scroll.offset)
            s.current = s.index.find(s.needle, from: top) ?? s.index.find(s.needle, from: 0)
            s.ordinal = s.current.map { s.index.count(s.needle, before: $0) + 1 } ?? 0
        }
        search = s
        if let c = s.current { reveal(c) }
    }

    /// `n` / `N`: the next or previous match, round the ends.
    mutating func stepMatch(forward: Bool) -> StatusMessage {
        guard var s = search, !s.needle.isEmpty else { return StatusMessage("no search yet: / searches the request and response", .info) }
        guard s.total > 0 else { return StatusMessage(s.summary, .warning) }
        let at = s.current ?? s.index.start(ofLine: scroll.offset)
        if forward {
            if let m = s.index.find(s.needle, from: at + 1) { s.current = m; s.ordinal += 1 } else { s.current = s.index.find(s.needle, from: 0); s.ordinal = 1 }
        } else {
            if let m = s.index.findLast(s.needle, before: at) { s.current = m; s.ordinal -= 1 } else { s.current = s.index.findLast(s.needle, before: s.index.folded.count); s.ordinal = s.total }
        }
        // Without a current match to count from, the number is counted rather than stepped.
        if s.ordinal < 1 || s.ordinal > s.total, let c = s.current { s.ordinal = s.index.count(s.needle, before: c) + 1 }
        search = s
        if let c = s.current { reveal(c) }
        return StatusMessage(s.summary, .info)
    }

    /// Enter: stop typing, keep the highlights and `n` / `N`.
    mutating func keepSearch() -> StatusMessage {
        search?.editor = nil
        guard let s = search, !s.needle.isEmpty else { return StatusMessage("search closed", .info) }
        return StatusMessage(s.total == 0 ? s.summary : "\(s.summary): n / N for the next and previous", s.total == 0 ? .warning : .info)
    }

    mutating func closeSearch() {
        search?.editor = nil
        setQuery("")
    }

    private mutating func reveal(_ offset: Int) {
        guard let s = search else { return }
        let line = s.index.line(containing: offset)
        let h = max(1, scroll.height)
        if line < scroll.offset || line >= scroll.offset + h { scroll.move(max(0, line - h / 3) - scroll.offset) }
    }
}
