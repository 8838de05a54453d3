import Foundation
import ThriveCore

/// How the `history` commands print entries for people: fixed-width columns, so a listing of any length
/// streams line by line and still lines up.
struct HistoryText {
    /// Not shared: `DateFormatter` is not Sendable, and one per command run costs nothing.
    private let localTime: DateFormatter = {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = .current
        f.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return f
    }()

    func time(_ date: Date) -> String { localTime.string(from: date) }

    /// `3f2a1b2c  2026-11-28 21:01:02  SANDBOX 127.0.0.1:4711   track     200 OK          1 signed_up u-1   12 ms  200 OK in 12 ms`
    func row(_ e: HistoryEntry) -> String {
        let s = e.summaryRow
        let events = "\(s.eventCount) \(s.firstEventName)" + (s.subject.map { " \($0)" } ?? "")
        let latency = s.latency.map(NetworkError.format) ?? "—"
        return [
            Self.shortID(e.id),
            time(s.sentAt),
            Self.column(s.target, 27),
            Self.column(s.endpoint.rawValue, 8),
            Self.column(Self.statusWords(s.status), 16),
            Self.column(events, 36),
            String(repeating: " ", count: max(0, 7 - latency.count)) + latency,
            Self.oneLine(s.summary),
        ].joined(separator: "  ")
    }

    /// The first 8 characters of the id, as `history show` accepts them.
    static func shortID(_ id: UUID) -> String { String(id.uuidString.lowercased().prefix(8)) }

    /// `200 OK`, `429 rate limited`, `refused`, `cancelled`, `interrupted`, `in flight`.
    static func statusWords(_ status: HistoryEntry.Status) -> String {
        switch status {
        case .inFlight: return "in flight"
        case .interrupted: return "interrupted"
        case .failed(let kind, _): return kind
        case .answered(let code):
            switch code {
            case 200: return "200 OK"
            case 204: return "204 no content"
            case 400: return "400 bad request"
            case 401: return "401 unauthorized"
            case 403: return "403 forbidden"
            case 404: return "404 not found"
            case 413: return "413 too large"
            case 429: return "429 rate limited"
            case 500...599: return "\(code) server error"
            default: return "\(code)"
            }
        }
    }

    /// Padded or cut to `width` characters, so the columns after it stay put.
    static func column(_ text: String, _ width: Int) -> String {
        let t = TextPreview.short(oneLine(text), width)
        return t + String(repeating: " ", count: max(0, width - t.count))
    }

    /// Newlines and tabs would break the one-line-per-entry promise.
    static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }

    /// `history show`: the request and response in full, key masked, bodies pretty.
    func detail(_ e: HistoryEntry) -> String {
        var lines = [
            "id        \(e.id.uuidString.lowercased())",
            "sent      \(time(e.sentAt)) (\(Timestamp.format(e.sentAt)))",
            "target    \(e.target)" + (e.profile.map { "  profile \($0)" } ?? ""),
            "outcome   \(e.outcome.rawValue): \(e.summary)",
        ]
        if e.retries > 0 { lines.append("retries   \(e.retries)") }
        lines += ["", "\(e.method) \(e.url)"] + e.requestHeaders.map { "\($0.name): \($0.value)" }
        lines += ["", e.requestBody.pretty(), ""]
        switch e.status {
        case .answered(let code):
            lines.append("HTTP \(code)" + (e.latency.map { " in \(NetworkError.format($0))" } ?? ""))
            lines += e.responseHeaders.map { "\($0.name): \($0.value)" }
            if !e.responseBody.isEmpty {
                lines += ["", (try? JSONParser.parse(e.responseBody))?.pretty() ?? e.responseBody]
            }
        case .failed(_, let message): lines.append("no response: \(message)")
        case .interrupted: lines.append("no response: the program ended before the outcome was known")
        case .inFlight: lines.append("no response yet: still in flight")
        }
        return lines.joined(separator: "\n")
    }
}
