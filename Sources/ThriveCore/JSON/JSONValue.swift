import Foundation

/// A JSON value that keeps object keys in the order they were written and numbers exactly as written.
///
/// Foundation's `JSONSerialization` reorders keys and turns `1.50` into a `Double`; an inspector must show
/// users the payload they typed, byte for byte, so this type is ours.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// A short name of the value's type, as a support person would say it ("string", "number", …).
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number(let n): return n.isInteger ? "integer" : "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    /// The type name with its article, for messages: "an integer", "a string", "null".
    public var typeNameWithArticle: String {
        switch self {
        case .null: return "null"
        case .number(let n) where n.isInteger: return "an integer"
        case .array: return "an array"
        case .object: return "an object"
        default: return "a \(typeName)"
        }
    }

    public var stringValue: String? { if case .string(let s) = self { return s }; return nil }
    public var boolValue: Bool? { if case .bool(let b) = self { return b }; return nil }
    public var numberValue: JSONNumber? { if case .number(let n) = self { return n }; return nil }
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { return a }; return nil }
    public var objectValue: JSONObject? { if case .object(let o) = self { return o }; return nil }
    public var isNull: Bool { if case .null = self { return true }; return false }

    /// Member lookup on objects; `nil` for other values or a missing key.
    public subscript(key: String) -> JSONValue? {
        get { objectValue?[key] }
    }

    public static func int(_ value: Int) -> JSONValue { .number(JSONNumber(value)) }
    public static func double(_ value: Double) -> JSONValue { .number(JSONNumber(value)) }
}

/// A JSON number kept as its literal text, so that printing gives back exactly what was parsed.
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
    /// The literal as written, e.g. `1.50`, `-3`, `2e10`.
    public let text: String

    public init(_ value: Int) { text = String(value) }

    public init(_ value: Double) {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
            text = String(Int64(value))
        } else {
            text = value.isFinite ? "\(value)" : "0"
        }
    }

    /// Accepts a literal only if it is valid JSON number syntax.
    public init?(literal: String) {
        guard JSONNumber.isValidLiteral(Array(literal.utf8)) else { return nil }
        text = literal
    }

    init(uncheckedLiteral: String) { text = uncheckedLiteral }

    /// True when the literal has no fraction or exponent.
    /// Scans bytes, not Characters: a literal is ASCII (every initializer guarantees it), so the two agree.
    public var isInteger: Bool { !text.utf8.contains(where: { $0 == 0x2E || $0 == 0x65 || $0 == 0x45 }) }
    public var doubleValue: Double { Double(text) ?? .nan }
    public var intValue: Int? { isInteger ? Int(text) : nil }
    public var description: String { text }

    static func isValidLiteral(_ b: [UInt8]) -> Bool {
        var i = 0
        func digits() -> Int { let s = i; while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }; return i - s }
        if i < b.count, b[i] == UInt8(ascii: "-") { i += 1 }
        guard i < b.count else { return false }
        if b[i] == UInt8(ascii: "0") { i += 1 } else if digits() == 0 { return false }
        if i < b.count, b[i] == UInt8(ascii: ".") { i += 1; if digits() == 0 { return false } }
        if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            if digits() == 0 { return false }
        }
        return i == b.count
    }
}

/// An ordered JSON object. Keys keep insertion order; setting an existing key keeps its place.
public struct JSONObject: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    /// One member of an object. Keys compare by their exact code points: `"café"` written with `é` and
    /// with `e` + U+0301 are two keys in JSON, though Swift's `==` calls the strings equal.
    public struct Member: Sendable, Hashable {
        public var key: String
        public var value: JSONValue
        public init(_ key: String, _ value: JSONValue) { self.key = key; self.value = value }

        public static func == (a: Member, b: Member) -> Bool { ExactKey.same(a.key, b.key) && a.value == b.value }
        public func hash(into hasher: inout Hasher) {
            ExactKey(key).hash(into: &hasher)
            hasher.combine(value)
        }
    }

    public internal(set) var members: [Member]

    public init() { members = [] }
    public init(_ members: [Member]) {
        self.members = []
        for m in members { self[m.key] = m.value }
    }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements.map { Member($0.0, $0.1) })
    }

    public var keys: [String] { members.map(\.key) }
    public var count: Int { members.count }
    public var isEmpty: Bool { members.isEmpty }

    /// Linear, comparing lengths first: most members differ in length, and the byte comparison is a call.
    public func index(of key: String) -> Int? {
        let n = key.utf8.count
        return members.firstIndex { $0.key.utf8.count == n && ExactKey.same($0.key, key) }
    }

    /// `index(of:)`, trying `hint` first: for a caller that looks up the same keys in many objects built alike
    /// (a batch's events). Keys are distinct (the parser and every mutator keep them so), so a match at the
    /// hint is the only match.
    func index(of key: String, hint: Int) -> Int? {
        if hint >= 0, hint < members.count, ExactKey.same(members[hint].key, key) { return hint }
        return index(of: key)
    }

    public subscript(key: String) -> JSONValue? {
        get { index(of: key).map { members[$0].value } }
        set {
            if let i = index(of: key) {
                if let newValue { members[i].value = newValue } else { members.remove(at: i) }
            } else if let newValue {
                members.append(Member(key, newValue))
            }
        }
    }

    /// Renames a key in place, keeping its position and value. Returns false when `from` is absent.
    @discardableResult
    public mutating func renameKey(_ from: String, to: String) -> Bool {
        guard let i = index(of: from) else { return false }
        if from == to { return true }
        if let j = index(of: to) { members.remove(at: j); return renameKey(from, to: to) }
        members[i].key = to
        return true
    }

    public mutating func insert(_ key: String, _ value: JSONValue, at position: Int) {
        if let i = index(of: key) { members.remove(at: i) }
        members.insert(Member(key, value), at: Swift.min(Swift.max(0, position), members.count))
    }

    public func makeIterator() -> IndexingIterator<[Member]> { members.makeIterator() }
}

/// A string that compares and hashes by its exact UTF-8 bytes, for JSON object keys (see `JSONObject.Member`).
struct ExactKey: Hashable {
    let text: String
    init(_ text: String) { self.text = text }

    /// Compares the contiguous UTF-8 buffers with `memcmp` (borrowed, so no copy or retain): key lookups run this
    /// per member, and the generic `elementsEqual` over two `UTF8View`s walked them byte by byte.
    static func same(_ a: String, _ b: String) -> Bool {
        let n = a.utf8.count
        guard n == b.utf8.count else { return false }
        guard n > 0 else { return true }
        let fast = a.utf8.withContiguousStorageIfAvailable { pa in
            b.utf8.withContiguousStorageIfAvailable { pb in memcmp(pa.baseAddress!, pb.baseAddress!, n) == 0 }
        }
        return (fast ?? nil) ?? a.utf8.elementsEqual(b.utf8)
    }
    static func == (a: ExactKey, b: ExactKey) -> Bool { same(a.text, b.text) }

    func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
