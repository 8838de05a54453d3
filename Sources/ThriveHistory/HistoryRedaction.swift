import Foundation
import ThriveCore

/// The last line of defence before bytes reach the file: `HistoryEntry.redacting` plus what it cannot cover.
enum HistoryRedaction {
    /// `redacting` scrubs the compact body text and keeps the result only if it still parses; a secret that sits in a
    /// number, or that JSON escapes (a quote, a backslash), would survive it. So the body is also scrubbed value by
    /// value, and the texts `redacting` leaves alone (target, profile, method) are scrubbed here.
    static func sanitized(_ entry: HistoryEntry, secrets: [String]) -> HistoryEntry {
        var e = entry.redacting(secrets)
        let live = secrets.filter { $0.count >= 4 }
        guard !live.isEmpty else { return e }
        func scrub(_ s: String) -> String {
            live.reduce(s) { $0.replacingOccurrences(of: $1, with: SecretMask.redacted) }
        }
        e.target = scrub(e.target)
        e.profile = e.profile.map(scrub)
        e.method = scrub(e.method)
        // Walking the body rebuilds every object, so only when a secret (or its JSON-escaped form) is in it.
        let body = e.requestBody.compact()
        let escaped = live.map { String(JSONValue.string($0).compact().dropFirst().dropLast()) }
        if (live + escaped).contains(where: { body.contains($0) }) {
            e.requestBody = scrubbed(e.requestBody, live, scrub, depth: 0)
        }
        return e
    }

    private static func scrubbed(_ v: JSONValue, _ secrets: [String], _ scrub: (String) -> String, depth: Int) -> JSONValue {
        func has(_ s: String) -> Bool { secrets.contains { s.contains($0) } }
        switch v {
        case .string(let s): return has(s) ? .string(scrub(s)) : v
        case .number(let n): return has(n.text) ? .string(scrub(n.text)) : v
        case .array(let items):
            // Parser-built values are depth-bounded; the guard keeps a hand-built one from recursing without end.
            guard depth < 512 else { return .string(SecretMask.redacted) }
            return .array(items.map { scrubbed($0, secrets, scrub, depth: depth + 1) })
        case .object(let object):
            guard depth < 512 else { return .string(SecretMask.redacted) }
            return .object(JSONObject(object.members.map {
                JSONObject.Member(has($0.key) ? scrub($0.key) : $0.key, scrubbed($0.value, secrets, scrub, depth: depth + 1))
            }))
        default: return v
        }
    }
}
