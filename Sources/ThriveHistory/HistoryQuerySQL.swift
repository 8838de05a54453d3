import Foundation
internal import GRDB
import ThriveCore

/// A `HistoryQuery` as a FROM and WHERE over `sends` (bare column names), with its arguments. User text only ever
/// travels as arguments, so no query can be an SQL error; FTS text is quoted so none can be an FTS error.
struct CompiledQuery: Sendable {
    var clauses: [String] = []
    var arguments = StatementArguments()
    /// With free text the search index drives the query: it yields matches in rowid (= seq) order and stops at the
    /// LIMIT, where `seq IN (SELECT rowid … MATCH)` would build the whole match set for every page.
    private var searchDrives = false
    var from: String { searchDrives ? "sends_fts JOIN sends ON sends.seq = sends_fts.rowid" : "sends" }
    /// What to order and keyset on: the index's rowid when it drives, so its rowid range and order are used.
    var orderKey: String { searchDrives ? "sends_fts.rowid" : "seq" }
    /// `from` for reads in seq order with a LIMIT. Without statistics SQLite picks the status or sent_at index for
    /// `status:4xx`, then sorts every match to return 50 (10-50 ms at 100,000 rows); walking seq and stopping at the
    /// LIMIT takes well under 1 ms. Lookups by seq (the IN lists, the search index's rowids) still work.
    var pageFrom: String { searchDrives ? "sends_fts JOIN sends NOT INDEXED ON sends.seq = sends_fts.rowid" : "sends NOT INDEXED" }

    var whereSQL: String { clauses.isEmpty ? "1" : clauses.map { "(\($0))" }.joined(separator: " AND ") }
    /// Identifies the query for the page caches: the same SQL with the same arguments selects the same rows.
    var key: String { from + " " + whereSQL + " " + arguments.description }

    init(_ query: HistoryQuery) {
        var words: [String] = []
        for term in query.terms {
            switch term {
            case .text(let text):
                words += text.split(whereSeparator: \.isWhitespace).map(String.init)
            case .status(let range):
                add("status BETWEEN ? AND ?", [range.lowerBound, range.upperBound])
            case .event(let name):
                add("seq IN (SELECT send_seq FROM events WHERE event_name = ? COLLATE NOCASE)", [name])
            case .user(let id):
                add("seq IN (SELECT send_seq FROM events WHERE user_id = ?)", [id])
            case .group(let id):
                add("seq IN (SELECT send_seq FROM events WHERE group_id = ?)", [id])
            // `HistoryQuery.targetMatches` lowercases the badge and compares with the term as given, so a term with
            // capitals never matches; LIKE ignores ASCII case (5× faster than lower() on every row) and badges are
            // ASCII (the kind word, then a host and port).
            case .target(let t) where t != t.lowercased():
                add("0", [])
            case .target(let t) where ["live", "sandbox", "custom"].contains(t):
                add("target LIKE ? OR target LIKE ?", [t, t + " %"])
            case .target(let t):
                add("target LIKE ? ESCAPE '\\'", ["%" + CompiledQuery.likeEscaped(t) + "%"])
            case .failed:
                add("outcome <> 'in_flight' AND NOT (outcome = 'answered' AND coalesce(status, 0) BETWEEN 200 AND 299)", [])
            case .since(let date):
                add("sent_at >= ?", [date.timeIntervalSince1970])
            case .before(let date):
                add("sent_at < ?", [date.timeIntervalSince1970])
            }
        }
        if let match = CompiledQuery.ftsMatch(words) {
            add("sends_fts MATCH ?", [match])
            searchDrives = true
        }
    }

    private mutating func add(_ clause: String, _ args: StatementArguments) {
        clauses.append(clause)
        arguments += args
    }

    /// The clause with one more condition (a keyset bound on `orderKey`), for paging.
    func and(_ clause: String, _ args: StatementArguments) -> (sql: String, arguments: StatementArguments) {
        var copy = self
        copy.add(clause, args)
        return (copy.whereSQL, copy.arguments)
    }

    static func likeEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }

    /// Every word becomes a quoted prefix phrase (`"u_12"*`), all ANDed. Inside FTS quotes only `"` is special
    /// (doubled), so quotes, `*`, `:`, parentheses and keywords such as NOT are plain text. A word with no
    /// character the tokenizer keeps (`:`, `{`) would be an empty phrase that matches nothing; it is left out, so it
    /// narrows nothing instead of emptying the list.
    static func ftsMatch(_ words: [String]) -> String? {
        // FTS5 reads its query as a C string: a NUL would end it inside the quotes (a syntax error). The tokenizer
        // treats NUL as a separator anyway, so a space means the same.
        let phrases = words.filter(hasToken).map {
            "\"" + $0.replacingOccurrences(of: "\u{0}", with: " ").replacingOccurrences(of: "\"", with: "\"\"") + "\"*"
        }
        return phrases.isEmpty ? nil : phrases.joined(separator: " ")
    }

    /// Mirrors unicode61: letters, digits and private-use characters make words.
    static func hasToken(_ word: String) -> Bool {
        word.unicodeScalars.contains { s in
            switch s.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .decimalNumber, .letterNumber, .otherNumber, .privateUse:
                return true
            default:
                return false
            }
        }
    }
}
