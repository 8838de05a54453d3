import Foundation

/// Where and why a JSON text failed to parse. Line and column are 1-based; the column counts characters.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public let line: Int
    public let column: Int
    /// Byte offset into the UTF-8 text.
    public let offset: Int

    public var description: String { "line \(line), column \(column): \(message)" }
}

/// A strict RFC 8259 parser producing ``JSONValue`` with key order and number literals preserved.
public struct JSONParser {
    private let bytes: [UInt8]
    private var i = 0
    private var depth = 0
    /// Deep nesting is refused rather than overflowing the stack on hostile input.
    public static let maxDepth = 512

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Parses exactly one JSON value (surrounding whitespace allowed).
    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try parse(bytes: Array(text.utf8))
    }

    public static func parse(data: Data) throws(JSONParseError) -> JSONValue {
        try parse(bytes: [UInt8](data))
    }

    public static func parse(bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        var p = JSONParser(bytes)
        p.skipBOM()
        p.skipWhitespace()
        if p.i >= p.bytes.count { throw p.error("the text is empty; expected a JSON value") }
        let v = try p.parseValue()
        p.skipWhitespace()
        if p.i < p.bytes.count { throw p.error("unexpected \(p.describeByte(at: p.i)) after the end of the JSON value") }
        return v
    }

    /// Parses a sequence of whitespace-separated values, as in NDJSON / JSON Lines.
    public static func parseSequence(_ text: String) throws(JSONParseError) -> [JSONValue] {
        var p = JSONParser(Array(text.utf8))
        p.skipBOM()
        var values: [JSONValue] = []
        p.skipWhitespace()
        while p.i < p.bytes.count {
            values.append(try p.parseValue())
            p.skipWhitespace()
        }
        return values
    }

    // MARK: - Values

    private mutating func parseValue() throws(JSONParseError) -> JSONValue {
        guard i < bytes.count else { throw error("unexpected end of text; expected a value") }
        switch bytes[i] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        case UInt8(ascii: "'"): throw error("strings must use double quotes, not single quotes")
        case UInt8(ascii: "}"), UInt8(ascii: "]"): throw error("unexpected \(describeByte(at: i)); expected a value")
        default: throw error("unexpected \(describeByte(at: i)); expected a value")
        }
    }

    private mutating func enter() throws(JSONParseError) {
        depth += 1
        if depth > JSONParser.maxDepth { throw error("nesting is deeper than \(JSONParser.maxDepth) levels") }
    }

    private mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try enter()
        i += 1
        var members: [JSONObject.Member] = []
        // By exact bytes: keys that are equal only after Unicode normalisation are different keys. Most objects are
        // small, where a scan of the members beats hashing every key; a table is built only for big ones.
        var seen: [ExactKey: Int]?
        skipWhitespace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; depth -= 1; return .object(JSONObject(uniqueMembers: members)) }
        while true {
            skipWhitespace()
            guard i < bytes.count else { throw error("unexpected end of text inside an object; expected a key or '}'") }
            guard bytes[i] == UInt8(ascii: "\"") else {
                if bytes[i] == UInt8(ascii: "}") { throw error("trailing comma before '}'") }
                throw error("expected a key in double quotes, found \(describeByte(at: i))")
            }
            let key = try parseString()
            skipWhitespace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else {
                throw error(i < bytes.count ? "expected ':' after key \"\(key)\", found \(describeByte(at: i))" : "unexpected end of text; expected ':' after key \"\(key)\"")
            }
            i += 1
            skipWhitespace()
            let value = try parseValue()
            if members.count >= 16, seen == nil {
                seen = Dictionary(members.enumerated().map { (ExactKey($1.key), $0) }, uniquingKeysWith: { a, _ in a })
            }
            let at = seen.map { $0[ExactKey(key)] } ?? members.firstIndex { ExactKey.same($0.key, key) }
            if let at { members[at].value = value } else {
                seen?[ExactKey(key)] = members.count
                members.append(JSONObject.Member(key, value))
            }
            skipWhitespace()
            guard i < bytes.count else { throw error("unexpected end of text inside an object; expected ',' or '}'") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "}") { i += 1; break }
            throw error("expected ',' or '}' after the value of \"\(key)\", found \(describeByte(at: i))")
        }
        depth -= 1
        return .object(JSONObject(uniqueMembers: members))
    }

    private mutating func parseArray() throws(JSONParseError) -> JSONValue {
        try enter()
        i += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; depth -= 1; return .array(items) }
        while true {
            skipWhitespace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "]") { throw error("trailing comma before ']'") }
            items.append(try parseValue())
            skipWhitespace()
            guard i < bytes.count else { throw error("unexpected end of text inside an array; expected ',' or ']'") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "]") { i += 1; break }
            throw error("expected ',' or ']' in array, found \(describeByte(at: i))")
        }
        depth -= 1
        return .array(items)
    }

    private mutating func parseNumber() throws(JSONParseError) -> JSONNumber {
        let start = i
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard i < bytes.count, isDigit(bytes[i]) else { throw error("a number needs a digit after '-'") }
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
            if i < bytes.count, isDigit(bytes[i]) { throw error("numbers must not have leading zeros") }
        } else {
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard i < bytes.count, isDigit(bytes[i]) else { throw error("a number needs digits after the decimal point") }
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard i < bytes.count, isDigit(bytes[i]) else { throw error("a number needs digits in its exponent") }
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        return JSONNumber(uncheckedLiteral: String(decoding: bytes[start..<i], as: UTF8.self))
    }

    private mutating func parseString() throws(JSONParseError) -> String {
        let quote = i
        i += 1
        let start = i
        // Fast path: no escapes, valid UTF-8 taken as one slice.
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                let s = try decodeUTF8(start, i)
                i += 1
                return s
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { throw controlCharacterError(b) }
            i += 1
        }
        var out = [UInt8]()
        out.append(contentsOf: bytes[start..<i])
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                i += 1
                guard let s = String(validating: out, as: UTF8.self) else { throw error("the string is not valid UTF-8", at: quote) }
                return s
            }
            if b < 0x20 { throw controlCharacterError(b) }
            if b != UInt8(ascii: "\\") { out.append(b); i += 1; continue }
            i += 1
            guard i < bytes.count else { break }
            let e = bytes[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try parseHex4()
                if (0xD800...0xDBFF).contains(scalar) {
                    guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
                        throw error("\\u\(String(scalar, radix: 16)) is half of a surrogate pair with no second half", at: i - 6)
                    }
                    i += 2
                    let low = try parseHex4()
                    guard (0xDC00...0xDFFF).contains(low) else { throw error("invalid low surrogate \\u\(String(low, radix: 16))", at: i - 6) }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    throw error("\\u\(String(scalar, radix: 16)) is a lone low surrogate", at: i - 6)
                }
                out.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar)!)).utf8))
            default:
                throw error("unknown escape '\\\(Character(Unicode.Scalar(e)))' in string", at: i - 2)
            }
        }
        throw error("unterminated string (the closing '\"' is missing)", at: quote)
    }

    private mutating func parseHex4() throws(JSONParseError) -> UInt32 {
        guard i + 4 <= bytes.count else { throw error("\\u needs four hex digits") }
        var v: UInt32 = 0
        for k in 0..<4 {
            let b = bytes[i + k]
            let d: UInt32
            switch b {
            case 0x30...0x39: d = UInt32(b - 0x30)
            case 0x41...0x46: d = UInt32(b - 0x41 + 10)
            case 0x61...0x66: d = UInt32(b - 0x61 + 10)
            default: throw error("\\u needs four hex digits", at: i + k)
            }
            v = v << 4 | d
        }
        i += 4
        return v
    }

    private func decodeUTF8(_ from: Int, _ to: Int) throws(JSONParseError) -> String {
        guard let s = String(validating: bytes[from..<to], as: UTF8.self) else { throw error("the string is not valid UTF-8", at: from - 1) }
        return s
    }

    private func controlCharacterError(_ b: UInt8) -> JSONParseError {
        b == 0x0A ? error("unterminated string: a raw line break is not allowed inside a string (write \\n)")
            : error("control character U+\(String(format: "%04X", b)) must be escaped inside a string")
    }

    private mutating func expectWord(_ word: String) throws(JSONParseError) {
        let w = Array(word.utf8)
        guard i + w.count <= bytes.count, Array(bytes[i..<i + w.count]) == w else {
            throw error("unexpected \(describeByte(at: i)); expected a value (did you mean \(word)?)")
        }
        i += w.count
    }

    // MARK: - Whitespace and errors

    private mutating func skipBOM() {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
    }

    private mutating func skipWhitespace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x0A, 0x0D, 0x09: i += 1
            default: return
            }
        }
    }

    private func describeByte(at offset: Int) -> String {
        guard offset < bytes.count else { return "end of text" }
        let b = bytes[offset]
        if b < 0x20 { return "control character U+\(String(format: "%04X", b))" }
        if b < 0x80 { return "'\(Character(Unicode.Scalar(b)))'" }
        var end = offset + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return "'\(String(decoding: bytes[offset..<end], as: UTF8.self))'"
    }

    private func error(_ message: String, at offset: Int? = nil) -> JSONParseError {
        let off = min(offset ?? i, bytes.count)
        var line = 1, column = 1
        var k = 0
        while k < off {
            let b = bytes[k]
            if b == 0x0A { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
            k += 1
        }
        return JSONParseError(message: message, line: line, column: column, offset: off)
    }
}

extension JSONObject {
    /// Builds an object from members already known to have distinct keys (the parser's fast path).
    init(uniqueMembers: [Member]) { self.init(); members = uniqueMembers }
}
