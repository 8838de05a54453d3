import Foundation

extension HistoryQuery {
    /// True when `entry` satisfies every term: the in-memory meaning of the query, which the SQLite store's
    /// SQL must agree with (both are tested with the same cases).
    public func matches(_ entry: HistoryEntry) -> Bool {
        terms.allSatisfy { $0.matches(entry) }
    }
}

extension HistoryQuery.Term {
    func matches(_ e: HistoryEntry) -> Bool {
        switch self {
        case .text(let words):
            let haystack = TextWords.split(([e.requestBody.compact(), e.responseBody, e.summary]
                + e.events.flatMap { [$0.name, $0.userID ?? "", $0.groupID ?? ""] }).joined(separator: "\n"))
            return words.split(whereSeparator: \.isWhitespace).allSatisfy { TextWords.containsPhrase(TextWords.split(String($0)), in: haystack) }
        case .status(let range):
            return e.httpStatus.map(range.contains) ?? false
        case .event(let name):
            return e.events.contains { $0.name.caseInsensitiveCompare(name) == .orderedSame }
        case .user(let id):
            return e.events.contains { $0.userID == id }
        case .group(let id):
            return e.events.contains { $0.groupID == id }
        case .target(let t):
            return HistoryQuery.targetMatches(badge: e.target, t)
        case .failed:
            return !(e.httpStatus.map { (200..<300).contains($0) } ?? false) && e.outcome != .inFlight
        case .since(let d): return e.sentAt >= d
        case .before(let d): return e.sentAt < d
        }
    }
}

extension HistoryQuery {
    /// `target:live|sandbox|custom` matches the badge's first word; anything else matches the host in it.
    public static func targetMatches(badge: String, _ t: String) -> Bool {
        let kind = badge.split(separator: " ").first.map { $0.lowercased() } ?? ""
        if ["live", "sandbox", "custom"].contains(t) { return kind == t }
        return badge.lowercased().contains(t)
    }
}

/// Word matching as the SQLite store's full-text index does it: words are runs of letters and digits, compared
/// lowercased; a searched word is a phrase of its words whose last one may be a prefix (`u_12` finds `u_123`,
/// `acme` finds `jane.doe@acme.com`). Both stores give the same answers this way.
public enum TextWords {
    public static func split(_ text: String) -> [Substring] {
        text.lowercased().split { !($0.isLetter || $0.isNumber) }
    }

    /// True when `phrase` appears as consecutive words of `words`, the last one as a prefix. A phrase with no
    /// words (`:`) narrows nothing.
    public static func containsPhrase(_ phrase: [Substring], in words: [Substring]) -> Bool {
        guard let last = phrase.last else { return true }
        let n = phrase.count
        guard words.count >= n else { return false }
        for i in 0...(words.count - n) where words[i + n - 1].hasPrefix(last) {
            if (0..<(n - 1)).allSatisfy({ words[i + $0] == phrase[$0] }) { return true }
        }
        return false
    }
}
