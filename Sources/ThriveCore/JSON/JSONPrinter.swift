import Foundation

/// What a piece of printed JSON is, so a view can colour it.
public enum JSONTokenKind: Sendable, Equatable {
    case key, string, number, bool, null, punctuation, whitespace
}

/// One run of printed JSON text with its kind.
public struct JSONToken: Sendable, Equatable {
    public var kind: JSONTokenKind
    public var text: String
    public init(_ kind: JSONTokenKind, _ text: String) { self.kind = kind; self.text = text }
}

extension JSONValue {
    /// Compact JSON with no whitespace, as sent on the wire.
    public func compact() -> String {
        var out = [UInt8]()
        out.reserveCapacity(256)
        writeCompact(into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Byte size of the compact form, computed without keeping the text around.
    public var compactByteCount: Int {
        switch self {
        case .null: return 4
        case .bool(let b): return b ? 4 : 5
        case .number(let n): return n.text.utf8.count
        case .string(let s): return JSONValue.escapedByteCount(s)
        case .array(let items):
            return 2 + max(0, items.count - 1) + items.reduce(0) { $0 + $1.compactByteCount }
        case .object(let obj):
            return 2 + max(0, obj.count - 1)
                + obj.members.reduce(0) { $0 + JSONValue.escapedByteCount($1.key) + 1 + $1.value.compactByteCount }
        }
    }

    /// The length of `writeEscaped(s)`'s output, quotes included, without writing it.
    static func escapedByteCount(_ s: String) -> Int {
        var n = 2
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), 0x0A, 0x0D, 0x09, 0x08, 0x0C: n += 2
            case 0x00..<0x20, 0x7F: n += 6
            default: n += 1
            }
        }
        return n
    }

    /// Compact UTF-8 bytes, as sent on the wire.
    public func compactData() -> Data {
        var out = [UInt8]()
        writeCompact(into: &out)
        return Data(out)
    }

    func writeCompact(into out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let n): out.append(contentsOf: n.text.utf8)
        case .string(let s): JSONValue.writeEscaped(s, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (k, item) in items.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                item.writeCompact(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let obj):
            out.append(UInt8(ascii: "{"))
            for (k, m) in obj.members.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                JSONValue.writeEscaped(m.key, into: &out)
                out.append(UInt8(ascii: ":"))
                m.value.writeCompact(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Pretty JSON: one member per line, `indent` spaces per level, empty containers as `[]` / `{}`.
    public func pretty(indent: Int = 2) -> String {
        prettyLines(indent: indent).map { line in line.map(\.text).joined() }.joined(separator: "\n")
    }

    /// Pretty JSON as lines of typed tokens, for syntax colouring. Joining the token texts gives ``pretty(indent:)``.
    public func prettyLines(indent: Int = 2) -> [[JSONToken]] { prettyLines(indent: indent, level: 0) }

    /// Pretty lines as they appear nested `level` deep (the first line indented too), so a view can print the
    /// elements of a large array one at a time and reprint only the one that changed.
    public func prettyLines(indent: Int = 2, level: Int) -> [[JSONToken]] {
        var lines: [[JSONToken]] = [level > 0 ? [JSONToken(.whitespace, String(repeating: " ", count: level * indent))] : []]
        appendPretty(level: level, indent: indent, lines: &lines)
        return lines
    }

    private func appendPretty(level: Int, indent: Int, lines: inout [[JSONToken]]) {
        func newline(_ lvl: Int) {
            lines.append(lvl > 0 ? [JSONToken(.whitespace, String(repeating: " ", count: lvl * indent))] : [])
        }
        func push(_ t: JSONToken) { lines[lines.count - 1].append(t) }
        switch self {
        case .null: push(JSONToken(.null, "null"))
        case .bool(let b): push(JSONToken(.bool, b ? "true" : "false"))
        case .number(let n): push(JSONToken(.number, n.text))
        case .string(let s): push(JSONToken(.string, JSONValue.quoted(s)))
        case .array(let items):
            if items.isEmpty { push(JSONToken(.punctuation, "[]")); return }
            push(JSONToken(.punctuation, "["))
            for (k, item) in items.enumerated() {
                newline(level + 1)
                item.appendPretty(level: level + 1, indent: indent, lines: &lines)
                if k < items.count - 1 { push(JSONToken(.punctuation, ",")) }
            }
            newline(level)
            push(JSONToken(.punctuation, "]"))
        case .object(let obj):
            if obj.isEmpty { push(JSONToken(.punctuation, "{}")); return }
            push(JSONToken(.punctuation, "{"))
            for (k, m) in obj.members.enumerated() {
                newline(level + 1)
                push(JSONToken(.key, JSONValue.quoted(m.key)))
                push(JSONToken(.punctuation, ": "))
                m.value.appendPretty(level: level + 1, indent: indent, lines: &lines)
                if k < obj.count - 1 { push(JSONToken(.punctuation, ",")) }
            }
            newline(level)
            push(JSONToken(.punctuation, "}"))
        }
    }

    /// A JSON string literal for `s`, with quotes.
    private static let hexDigits = Array("0123456789abcdef".utf8)

    public static func quoted(_ s: String) -> String {
        var out = [UInt8]()
        writeEscaped(s, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func writeEscaped(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): out.append(0x5C); out.append(b)
            case UInt8(ascii: "\\"): out.append(0x5C); out.append(b)
            case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
            case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
            case 0x08: out.append(0x5C); out.append(UInt8(ascii: "b"))
            case 0x0C: out.append(0x5C); out.append(UInt8(ascii: "f"))
            case 0x00..<0x20, 0x7F:
                out.append(contentsOf: "\\u00".utf8)
                out.append(hexDigits[Int(b >> 4)]); out.append(hexDigits[Int(b & 0xF)])
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
