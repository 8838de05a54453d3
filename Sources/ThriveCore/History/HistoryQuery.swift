import Foundation

/// The history search language, shared by `/` in the history pane and `thrive-inspector history QUERY`:
/// free text plus `status:4xx`, `status:429`, `event:NAME`, `user:ID`, `group:ID`, `target:live`, `failed`,
/// `since:1h`, `before:2026-11-01`. Terms combine with AND. Only known keys are filters, so text such as
/// a URL (`http://…`) stays text; `"quoted words"` are one phrase.
public struct HistoryQuery: Sendable, Equatable {
    public enum Term: Sendable, Equatable {
        /// Words to find in event names, ids, bodies and response text.
        case text(String)
        /// An exact status (`429`) or a class (`4xx` is 400...499).
        case status(ClosedRange<Int>)
        case event(String)
        case user(String)
        case group(String)
        /// `live`, `sandbox`, `custom`, or a host name.
        case target(String)
        /// No 2xx answer: failed, cancelled, interrupted, or an HTTP error status.
        case failed
        case since(Date)
        case before(Date)
    }

    public var terms: [Term]
    public init(terms: [Term] = []) { self.terms = terms }

    public var isEmpty: Bool { terms.isEmpty }

    static let keys = ["status", "event", "user", "group", "target", "since", "before"]

    /// Parses a query; `now` anchors relative times (`since:1h`). A filter with a bad value is an error that
    /// names it, so a typo never silently matches everything.
    public static func parse(_ text: String, now: Date) -> Result<HistoryQuery, HistoryQueryError> {
        var terms: [Term] = []
        for word in words(text) {
            if word.quoted { terms.append(.text(word.text)); continue }
            if word.text.lowercased() == "failed" { terms.append(.failed); continue }
            guard let colon = word.text.firstIndex(of: ":"),
                  keys.contains(word.text[..<colon].lowercased()) else {
                if let typo = unknownFilter(word.text) {
                    return .failure(HistoryQueryError("\(typo): is not a filter; filters are status:, event:, user:, group:, target:, since:, before: and failed (quote text to search for it)"))
                }
                terms.append(.text(word.text))
                continue
            }
            let key = word.text[..<colon].lowercased()
            let value = String(word.text[word.text.index(after: colon)...])
            guard !value.isEmpty else { return .failure(HistoryQueryError("\(key): needs a value, e.g. \(example(key))")) }
            switch key {
            case "status":
                guard let range = statusRange(value) else {
                    return .failure(HistoryQueryError("status:\(TextPreview.short(value, 20)) is not a status; write status:429 or status:4xx"))
                }
                terms.append(.status(range))
            case "event": terms.append(.event(value))
            case "user": terms.append(.user(value))
            case "group": terms.append(.group(value))
            case "target": terms.append(.target(value.lowercased()))
            case "since", "before":
                guard let date = time(value, now: now) else {
                    return .failure(HistoryQueryError("\(key):\(TextPreview.short(value, 20)) is not a time; write \(example(key))"))
                }
                terms.append(key == "since" ? .since(date) : .before(date))
            default: terms.append(.text(word.text))
            }
        }
        return .success(HistoryQuery(terms: terms))
    }

    /// `stauts:4xx` looks like a filter with a typo: letters, a colon, a value. Treated as text it would
    /// silently match nothing, so it is an error instead; URLs (`http://…`) and times (`12:30`) stay text.
    static func unknownFilter(_ word: String) -> String? {
        guard let colon = word.firstIndex(of: ":"), colon != word.startIndex else { return nil }
        let key = word[..<colon], value = word[word.index(after: colon)...]
        guard key.count <= 12, key.allSatisfy({ $0.isASCII && $0.isLetter }), let first = value.first, first != "/" else { return nil }
        return TextPreview.short(String(key), 20)
    }

    private static func example(_ key: String) -> String {
        switch key {
        case "status": return "status:4xx or status:429"
        case "since": return "since:1h, since:30m, since:7d or since:2026-11-01"
        case "before": return "before:2026-11-01 or before:2d"
        default: return "\(key):VALUE"
        }
    }

    static func statusRange(_ value: String) -> ClosedRange<Int>? {
        let v = value.lowercased()
        if v.count == 3, v.hasSuffix("xx"), let digit = Int(v.prefix(1)), (1...5).contains(digit) {
            return (digit * 100)...(digit * 100 + 99)
        }
        if let code = Int(v), (100...599).contains(code) { return code...code }
        return nil
    }

    /// `30s`, `15m`, `1h`, `7d`, `2w` before `now`, or a date (`2026-11-01`, midnight UTC) or full timestamp.
    static func time(_ value: String, now: Date) -> Date? {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400, "w": 604_800]
        if let unit = value.last, let seconds = units[unit], let n = Double(value.dropLast()), n >= 0, n.isFinite {
            return now.addingTimeInterval(-n * seconds)
        }
        let text = value.count == 10 ? value + "T00:00:00Z" : value
        if case .valid(let date, _) = Timestamp.read(text) { return date }
        return nil
    }

    /// Words split on blanks, with `"…"` kept together as one quoted phrase.
    static func words(_ text: String) -> [(text: String, quoted: Bool)] {
        var out: [(String, Bool)] = []
        var current = "", inQuote = false
        for c in text {
            if c == "\"" {
                if inQuote { if !current.isEmpty { out.append((current, true)) }; current = "" } else if !current.isEmpty { out.append((current, false)); current = "" }
                inQuote.toggle()
            } else if c.isWhitespace && !inQuote {
                if !current.isEmpty { out.append((current, false)); current = "" }
            } else {
                current.append(c)
            }
        }
        if !current.isEmpty { out.append((current, inQuote)) }
        return out
    }
}

/// A query that does not parse, worded for the user.
public struct HistoryQueryError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
