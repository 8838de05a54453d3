import Foundation

/// An RFC 6901 JSON pointer such as `/0/properties/user_email`.
public struct JSONPointer: Sendable, Hashable, CustomStringConvertible, Comparable {
    public var tokens: [String]

    public init(_ tokens: [String] = []) { self.tokens = tokens }

    /// The longest path the program builds or follows: as deep as the parser lets JSON nest, so no value
    /// anywhere is deeper than twice that, and every recursive walk (print, compare, validate) stays bounded.
    public static let maxLength = JSONParser.maxDepth

    /// Parses `/a/b~1c`; the empty string is the whole document.
    public init(parsing text: String) {
        guard !text.isEmpty else { tokens = []; return }
        var parts = JSONPointer.split(text, at: "/")
        if parts.first == "" { parts.removeFirst() }
        tokens = parts.map(JSONPointer.unescape)
    }

    /// Parses a dotted path as users type it (`properties.user_email`, `items.0`).
    public init(dotted: String) {
        tokens = dotted.isEmpty ? [] : JSONPointer.split(dotted, at: ".")
    }

    /// `~` → `~0`, `/` → `~1`, scalar by scalar: String replacement works on Characters and misses a `/` that a
    /// combining mark joins into one grapheme (found by fuzzing).
    static func escape(_ token: String) -> String {
        var out = String.UnicodeScalarView()
        for c in token.unicodeScalars {
            switch c {
            case "~": out.append(contentsOf: "~0".unicodeScalars)
            case "/": out.append(contentsOf: "~1".unicodeScalars)
            default: out.append(c)
            }
        }
        return String(out)
    }

    static func unescape(_ token: String) -> String {
        var out = String.UnicodeScalarView()
        var it = token.unicodeScalars.makeIterator()
        while let c = it.next() {
            guard c == "~" else { out.append(c); continue }
            switch it.next() {
            case "0"?: out.append("~")
            case "1"?: out.append("/")
            case let other?: out.append(c); out.append(other)
            case nil: out.append(c)
            }
        }
        return String(out)
    }

    /// Splits on a separator scalar, not a Character: a key may start with a combining mark, which would
    /// otherwise join the separator into one grapheme and hide it (found by fuzzing).
    static func split(_ text: String, at separator: Unicode.Scalar) -> [String] {
        text.unicodeScalars.split(separator: separator, omittingEmptySubsequences: false).map { String(String.UnicodeScalarView($0)) }
    }

    public var description: String {
        tokens.map { "/" + JSONPointer.escape($0) }.joined()
    }

    /// Dotted form for display (`properties.user_email`).
    public var dotted: String { tokens.joined(separator: ".") }

    public var parent: JSONPointer? { tokens.isEmpty ? nil : JSONPointer(Array(tokens.dropLast())) }
    public var last: String? { tokens.last }

    /// One copy of the tokens, not a one-element array and then a concatenation.
    public func appending(_ token: String) -> JSONPointer { var t = tokens; t.append(token); return JSONPointer(t) }
    public func appending(_ index: Int) -> JSONPointer { appending(String(index)) }
    public func appending(_ other: JSONPointer) -> JSONPointer { JSONPointer(tokens + other.tokens) }

    public func hasPrefix(_ other: JSONPointer) -> Bool { tokens.starts(with: other.tokens) }

    public static func < (a: JSONPointer, b: JSONPointer) -> Bool { a.tokens.lexicographicallyPrecedes(b.tokens) }
}

extension JSONValue {
    /// The value at `pointer`, or nil when any step is missing.
    public subscript(pointer pointer: JSONPointer) -> JSONValue? {
        var current = self
        for t in pointer.tokens {
            switch current {
            case .object(let o): guard let v = o[t] else { return nil }; current = v
            case .array(let a): guard let k = Int(t), a.indices.contains(k) else { return nil }; current = a[k]
            default: return nil
            }
        }
        return current
    }

    /// Sets the value at `pointer`, creating intermediate objects as needed. Removing (`nil`) a missing path is a no-op.
    /// Returns false when a step goes through a scalar or past the end of an array, or the path is longer than
    /// `JSONPointer.maxLength` (the walk recurses once per step, and paths come from user input).
    @discardableResult
    public mutating func set(_ value: JSONValue?, at pointer: JSONPointer) -> Bool {
        guard pointer.tokens.count <= JSONPointer.maxLength else { return false }
        return set(value, tokens: pointer.tokens[...])
    }

    private mutating func set(_ value: JSONValue?, tokens: ArraySlice<String>) -> Bool {
        guard let head = tokens.first else {
            if let value { self = value; return true }
            return false
        }
        let rest = tokens.dropFirst()
        switch self {
        case .object(var o):
            if rest.isEmpty {
                o[head] = value
            } else {
                var child = o[head] ?? (value == nil ? .null : .object(JSONObject()))
                if case .null = child, value == nil { return true }
                guard child.set(value, tokens: rest) else { return false }
                o[head] = child
            }
            self = .object(o)
            return true
        case .array(var a):
            let k = head == "-" ? a.count : Int(head) ?? -1
            guard k >= 0, k <= a.count else { return false }
            if rest.isEmpty {
                if let value { if k == a.count { a.append(value) } else { a[k] = value } } else if k < a.count { a.remove(at: k) }
            } else {
                guard k < a.count else { return false }
                guard a[k].set(value, tokens: rest) else { return false }
            }
            self = .array(a)
            return true
        case .null where value != nil:
            self = .object(JSONObject())
            return set(value, tokens: tokens)
        default:
            return false
        }
    }
}
