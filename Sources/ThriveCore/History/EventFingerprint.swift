import Foundation

/// A stable identity for one event: what makes two sends "the same event" to ThriveStack (endpoint, event name,
/// user, group, timestamp, properties, traits). The history indexes it so a replay can skip events the same
/// target already accepted.
public enum EventFingerprint {
    static let parts = ["event_name", "event", "user_id", "group_id", "timestamp", "properties", "traits", "context"]

    /// 32 hex digits: two independent 64-bit FNV-1a hashes over a canonical text (keys sorted at every depth),
    /// so key order and whitespace never make a duplicate look new.
    public static func of(_ event: JSONValue, endpoint: Endpoint) -> String {
        var text = endpoint.rawValue
        for key in parts {
            text += "\u{1F}" + key + "="
            if let v = event[key] { canonical(v, into: &text, depth: 0) }
        }
        var a: UInt64 = 0xcbf2_9ce4_8422_2325, b: UInt64 = 0x84222325_cbf29ce4
        for byte in text.utf8 {
            a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            b = (b ^ UInt64(byte ^ 0x5A)) &* 0x0000_0100_0000_01B3
        }
        return hex(a) + hex(b)
    }

    private static func hex(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }

    /// Compact JSON with object keys sorted. Depth is bounded by the parser that built the value; the guard keeps
    /// a hand-built value from recursing without end.
    static func canonical(_ v: JSONValue, into out: inout String, depth: Int) {
        guard depth < 512 else { out += "…"; return }
        switch v {
        case .object(let object):
            out += "{"
            let sorted = object.members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            for (i, m) in sorted.enumerated() {
                if i > 0 { out += "," }
                out += JSONValue.string(m.key).compact() + ":"
                canonical(m.value, into: &out, depth: depth + 1)
            }
            out += "}"
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                canonical(item, into: &out, depth: depth + 1)
            }
            out += "]"
        default:
            out += v.compact()
        }
    }
}
