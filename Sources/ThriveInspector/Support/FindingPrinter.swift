import Foundation
import ThriveCore

/// Findings as aligned text lines or as JSON for machines.
///
/// Findings about imported events are named by where the event came from (`export.ndjson:13: /user_id  …`),
/// the way compilers name lines, and problems (lines that could not be read) the same way.
enum FindingPrinter {
    static func text(_ findings: [Finding]) -> [String] {
        let w = min(40, findings.map { $0.path.description.count }.max() ?? 0)
        return findings.map { f in
            "  \(severityWord(f.severity)) \(pad(f.path.description, w))  \(f.message)\(fixText(f))"
        }
    }

    /// One finding or problem, placed at its source: `path` is relative to the event, not to the whole body.
    struct Located {
        var severity: Severity
        var source: SourcePosition
        var path: JSONPointer?
        var message: String
        var fix: Fix?
        /// What the summary counts it under, e.g. `user_id required`.
        var kind: String
    }

    /// Places findings whose paths start with an event's index (`/12/user_id`) at that event's source.
    /// Findings about the whole body (batch size) stay at the first event's file.
    static func locate(_ findings: [Finding], sources: [SourcePosition]) -> [Located] {
        findings.map { f in
            let index = f.path.tokens.first.flatMap(Int.init)
            let inside = index.map { _ in JSONPointer(Array(f.path.tokens.dropFirst())) } ?? f.path
            let source = index.flatMap { $0 < sources.count ? sources[$0] : nil } ?? SourcePosition(file: sources.first?.file ?? "the request")
            return Located(severity: f.severity, source: source, path: inside, message: f.message,
                           fix: index == nil ? f.fix : f.fix.map(rebased), kind: kind(f.code, inside))
        }
    }

    /// The fix with its path made relative to the event, matching the located finding.
    private static func rebased(_ fix: Fix) -> Fix {
        switch fix {
        case .renameKey(let at, let to): return .renameKey(at: JSONPointer(Array(at.tokens.dropFirst())), to: to)
        case .setValue(let at, let value): return .setValue(at: JSONPointer(Array(at.tokens.dropFirst())), value: value)
        }
    }

    static func locate(_ problems: [ImportProblem], format: ImportFormat?) -> [Located] {
        problems.map { Located(severity: .error, source: $0.position, path: nil, message: $0.message, kind: "unreadable \(partWord(format))") }
    }

    /// In source order (line or HAR entry), problems and findings interleaved, ties kept in the given order.
    static func sorted(_ items: [Located]) -> [Located] {
        items.enumerated().sorted { a, b in
            let x = a.element.source.line ?? a.element.source.entry ?? 0, y = b.element.source.line ?? b.element.source.entry ?? 0
            return x != y ? x < y : a.offset < b.offset
        }.map(\.element)
    }

    /// `  error   export.ndjson:13: /user_id  user_id is required …`, aligned within `items`.
    static func text(_ items: [Located]) -> [String] {
        let sw = min(60, items.map { $0.source.description.count }.max() ?? 0)
        let pw = min(40, items.compactMap { $0.path?.description.count }.max() ?? 0)
        return items.map { item in
            let place = pad(item.source.description + ":", sw + 1)
            guard let path = item.path else { return "  \(severityWord(item.severity)) \(place) \(item.message)" }
            return "  \(severityWord(item.severity)) \(place) \(pad(path.description, pw))  \(item.message)\(fixText(item))"
        }
    }

    static func json(_ f: Finding) -> JSONValue {
        var o: JSONObject = ["severity": .string(f.severity.rawValue), "code": .string(f.code.rawValue),
                             "path": .string(f.path.description), "message": .string(f.message)]
        if let fix = f.fix { o["fix"] = .string(fix.summary) }
        return .object(o)
    }

    /// Like ``json(_:)`` plus `source` (`export.ndjson:13`); `path` stays a pointer into the file's events.
    static func json(_ f: Finding, source: SourcePosition?) -> JSONValue {
        guard var o = json(f).objectValue else { return json(f) }
        if let source { o["source"] = .string(source.description) }
        return .object(o)
    }

    static func counts(_ findings: [Finding]) -> String {
        let e = findings.filter { $0.severity == .error }.count, w = findings.count - e
        return "\(e) error\(e == 1 ? "" : "s"), \(w) warning\(w == 1 ? "" : "s")"
    }

    /// `user_id required: 211,835`, most frequent first; at most `limit` kinds, then how many more kinds there were.
    static func kindCounts(_ counts: [String: Int], order: [String], limit: Int = 20) -> [String] {
        let rank = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        let kinds = counts.sorted { $0.value != $1.value ? $0.value > $1.value : (rank[$0.key] ?? 0) < (rank[$1.key] ?? 0) }
        var lines = kinds.prefix(limit).map { "  \($0.key): \(grouped($0.value))" }
        if kinds.count > limit { lines.append("  … and \(grouped(kinds.count - limit)) other kinds") }
        return lines
    }

    static func grouped(_ n: Int) -> String { NumberText.grouped(n) }

    /// `1 unreadable line`, `3 unreadable entries`.
    static func unreadable(_ count: Int, _ format: ImportFormat?) -> String {
        let word = partWord(format)
        return "\(grouped(count)) unreadable " + (count == 1 ? word : word == "entry" ? "entries" : word + "s")
    }

    /// What a part of a file set aside is called in that format.
    static func partWord(_ format: ImportFormat?) -> String {
        switch format {
        case .har: return "entry"
        case .curl: return "command"
        default: return "line"
        }
    }

    static func kind(_ code: FindingCode, _ path: JSONPointer) -> String {
        let words: String
        switch code {
        case .invalidBody: words = "not an event body"
        case .emptyBatch: return "no events"
        case .notAnObject: words = "not an object"
        case .missingRequired: words = "required"
        case .missingExpected: words = "expected"
        case .wrongType: words = "wrong type"
        case .notInEnum: words = "not an allowed value"
        case .unplannedProperty: words = "not in the tracking plan"
        case .malformedTimestamp: words = "malformed"
        case .zonelessTimestamp: words = "without a time zone"
        case .futureTimestamp: words = "in the future"
        case .eventKeyInsteadOfEventName: return "event instead of event_name"
        case .groupIdMismatch: words = "differs from group_id"
        case .eventTooLarge: words = "too large"
        case .batchTooManyEvents: return "too many events for one request"
        case .batchTooLarge: return "too many bytes for one request"
        }
        return path.tokens.isEmpty ? "event \(words)" : "\(path.dotted) \(words)"
    }

    private static func severityWord(_ s: Severity) -> String { s == .error ? "error  " : "warning" }
    private static func fixText(_ f: Finding) -> String { f.fix.map { " (fix: \($0.summary))" } ?? "" }
    private static func fixText(_ l: Located) -> String { l.fix.map { " (fix: \($0.summary))" } ?? "" }
    private static func pad(_ s: String, _ w: Int) -> String { s.padding(toLength: max(w, s.count), withPad: " ", startingAt: 0) }
}
