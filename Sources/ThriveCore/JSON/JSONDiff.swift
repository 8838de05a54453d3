import Foundation

/// What differs between two JSON values, path by path: the compare view of two history entries reads it.
///
/// Objects compare by key, so a payload whose keys were only reordered is the same payload (the API reads
/// members, not their order). Arrays compare by index: a batch of events is positional, and a longer batch
/// shows as added elements at the end. Numbers compare by value, exactly as decimals: `1.0`, `1` and
/// `1e0` are the same number to the API, while two long integers that a `Double` would merge stay apart.
/// Strings and keys compare by their exact code points, as `JSONObject` does for keys.
public enum JSONDiff {
    /// One step of a path: a member name or an array index (shown as `[3]`).
    public enum Step: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    /// Where a difference is: `properties.plan`, `[3].user_id`.
    public struct Path: Sendable, Hashable, CustomStringConvertible {
        public var steps: [Step]
        public init(_ steps: [Step] = []) { self.steps = steps }

        /// The same place as an RFC 6901 pointer, for code that follows it into a value.
        public var pointer: JSONPointer {
            JSONPointer(steps.map {
                switch $0 {
                case .key(let k): return k
                case .index(let i): return String(i)
                }
            })
        }

        /// Dotted, with indices in brackets; a key that would read as punctuation is quoted (`["a.b"]`).
        public var description: String {
            var out = ""
            for step in steps {
                switch step {
                case .index(let i): out += "[\(i)]"
                case .key(let k) where Path.isPlain(k): out += (out.isEmpty ? "" : ".") + k
                case .key(let k): out += "[\(JSONValue.quoted(k))]"
                }
            }
            return out
        }

        static func isPlain(_ key: String) -> Bool {
            !key.isEmpty && key.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" || $0 == "$" }
        }
    }

    /// A difference at one path.
    public enum Change: Sendable, Hashable {
        case added(Path, JSONValue)
        case removed(Path, JSONValue)
        case changed(Path, old: JSONValue, new: JSONValue)

        public var path: Path {
            switch self {
            case .added(let p, _), .removed(let p, _), .changed(let p, _, _): return p
            }
        }
    }

    /// The differences kept (at most the limit) and how many more there were.
    public struct Report: Sendable, Hashable {
        public var changes: [Change]
        /// Differences found past the limit: counted, not kept, so a huge diff stays small.
        public var omitted: Int
        public var isEmpty: Bool { changes.isEmpty && omitted == 0 }
    }

    /// How deep the walk goes; below this a differing subtree is reported whole, as one change. The parser
    /// never nests deeper, so this only bounds values built in code.
    public static let maxDepth = JSONParser.maxDepth

    public static func diff(_ a: JSONValue, _ b: JSONValue, limit: Int = 10_000) -> [Change] {
        report(a, b, limit: limit).changes
    }

    public static func report(_ a: JSONValue, _ b: JSONValue, limit: Int = 10_000) -> Report {
        var walk = Walk(limit: max(0, limit))
        walk.compare(a, b, depth: 0)
        return Report(changes: walk.changes, omitted: walk.omitted)
    }

    /// True when two numbers are the same decimal value (see the type's note).
    public static func sameNumber(_ a: JSONNumber, _ b: JSONNumber) -> Bool {
        if a.text == b.text { return true }
        guard let x = Decimalish(a.text), let y = Decimalish(b.text) else { return false }
        return x == y
    }

    /// The path is a stack of steps, turned into a `Path` only when a change is recorded, so equal
    /// subtrees cost no allocation.
    private struct Walk {
        let limit: Int
        var changes: [Change] = []
        var omitted = 0
        var steps: [Step] = []

        mutating func record(_ make: (Path) -> Change) {
            if changes.count < limit { changes.append(make(Path(steps))) } else { omitted += 1 }
        }

        mutating func compare(_ a: JSONValue, _ b: JSONValue, depth: Int) {
            switch (a, b) {
            case (.null, .null): return
            case (.bool(let x), .bool(let y)) where x == y: return
            case (.string(let x), .string(let y)) where ExactKey.same(x, y): return
            case (.number(let x), .number(let y)) where JSONDiff.sameNumber(x, y): return
            case (.object(let x), .object(let y)) where depth < JSONDiff.maxDepth:
                compareObjects(x, y, depth: depth)
            case (.array(let x), .array(let y)) where depth < JSONDiff.maxDepth:
                compareArrays(x, y, depth: depth)
            case (.object, .object), (.array, .array):
                // Too deep to walk: one change for the whole subtree, if anything in it differs.
                if a != b { record { .changed($0, old: a, new: b) } }
            default:
                record { .changed($0, old: a, new: b) }
            }
        }

        mutating func compareObjects(_ a: JSONObject, _ b: JSONObject, depth: Int) {
            // A dictionary of b's keys keeps wide objects linear; `JSONObject.index(of:)` scans.
            var inB: [ExactKey: Int] = [:]
            inB.reserveCapacity(b.count)
            for (i, m) in b.members.enumerated() where inB[ExactKey(m.key)] == nil { inB[ExactKey(m.key)] = i }
            var seen = Set<ExactKey>()
            for m in a.members {
                let key = ExactKey(m.key)
                seen.insert(key)
                steps.append(.key(m.key))
                if let j = inB[key] { compare(m.value, b.members[j].value, depth: depth + 1) } else { record { .removed($0, m.value) } }
                steps.removeLast()
            }
            for m in b.members where !seen.contains(ExactKey(m.key)) {
                steps.append(.key(m.key))
                record { .added($0, m.value) }
                steps.removeLast()
            }
        }

        mutating func compareArrays(_ a: [JSONValue], _ b: [JSONValue], depth: Int) {
            for i in 0..<max(a.count, b.count) {
                steps.append(.index(i))
                if i >= b.count {
                    record { .removed($0, a[i]) }
                } else if i >= a.count {
                    record { .added($0, b[i]) }
                } else {
                    compare(a[i], b[i], depth: depth + 1)
                }
                steps.removeLast()
            }
        }
    }
}

/// A JSON number literal as sign, significant digits and exponent, so `1.50` and `15e-1` compare equal.
private struct Decimalish: Equatable {
    var negative: Bool
    var digits: [UInt8]
    var exponent: Int

    init?(_ text: String) {
        var s = Array(text.utf8)[...]
        negative = s.first == UInt8(ascii: "-")
        if negative { s = s.dropFirst() }
        var exp = 0
        if let e = s.firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            // An exponent too large for Int is left to the exact-text comparison.
            guard let x = Int(String(decoding: s[(e + 1)...], as: UTF8.self)) else { return nil }
            exp = x
            s = s[..<e]
        }
        var all = Array(s)
        if let dot = s.firstIndex(of: UInt8(ascii: ".")) {
            let fraction = s[(dot + 1)...]
            all = Array(s[..<dot]) + Array(fraction)
            let (e, overflow) = exp.subtractingReportingOverflow(fraction.count)
            guard !overflow else { return nil }
            exp = e
        }
        var lo = 0, hi = all.count
        while lo < hi, all[lo] == UInt8(ascii: "0") { lo += 1 }
        while hi > lo, all[hi - 1] == UInt8(ascii: "0") { hi -= 1 }
        // Every zero is one zero, whatever its sign or exponent.
        guard lo < hi else { negative = false; digits = []; exponent = 0; return }
        let (e, overflow) = exp.addingReportingOverflow(all.count - hi)
        guard !overflow else { return nil }
        exponent = e
        digits = Array(all[lo..<hi])
    }
}
