import TerminalScreen

/// Pretty JSON straight from bytes: the same layout as `JSONValue.pretty()` (two spaces a level, `"key": value`,
/// empty containers as `{}` / `[]`), without building values. Strings and numbers are copied as received. Returns
/// nil for text that is not one JSON value, which is then shown as received.
enum JSONReindent {
    /// Containers nested deeper than this are not laid out as JSON (the parser's own bound).
    static let maxDepth = 512

    static func pretty(_ b: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(b.count + b.count / 2)
        var stack: [UInt8] = []       // the open containers: `{` or `[`
        var expectValue = true, sawValue = false
        var i = 0
        func newline(_ level: Int) {
            out.append(0x0A)
            for _ in 0..<(level * 2) { out.append(0x20) }
        }
        func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 }
        while i < b.count {
            let c = b[i]
            if isSpace(c) { i += 1; continue }
            switch c {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                guard expectValue, stack.count < maxDepth else { return nil }
                if stack.isEmpty, sawValue { return nil }
                stack.append(c)
                out.append(c)
                var j = i + 1
                while j < b.count, isSpace(b[j]) { j += 1 }
                let close: UInt8 = c == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                if j < b.count, b[j] == close {
                    stack.removeLast()
                    out.append(close)
                    i = j + 1
                    expectValue = false; sawValue = true
                    continue
                }
                newline(stack.count)
                expectValue = true
                i += 1
                continue
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                let open: UInt8 = c == UInt8(ascii: "}") ? UInt8(ascii: "{") : UInt8(ascii: "[")
                guard !expectValue, stack.last == open else { return nil }
                stack.removeLast()
                newline(stack.count)
                out.append(c)
                sawValue = true
            case UInt8(ascii: ","):
                guard !expectValue, !stack.isEmpty else { return nil }
                out.append(c)
                newline(stack.count)
                expectValue = true
            case UInt8(ascii: ":"):
                guard !expectValue, stack.last == UInt8(ascii: "{") else { return nil }
                out.append(contentsOf: [UInt8(ascii: ":"), 0x20])
                expectValue = true
            case UInt8(ascii: "\""):
                guard expectValue else { return nil }
                if stack.isEmpty, sawValue { return nil }
                var j = i + 1
                while j < b.count, b[j] != UInt8(ascii: "\"") {
                    if b[j] < 0x20 { return nil }
                    j += b[j] == UInt8(ascii: "\\") ? 2 : 1
                }
                guard j < b.count else { return nil }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[i...j]))
                i = j + 1
                expectValue = false; sawValue = true
                continue
            default:
                // A number or a literal: copied as received; anything else is not JSON.
                guard expectValue, isScalar(c) else { return nil }
                if stack.isEmpty, sawValue { return nil }
                var j = i
                while j < b.count, isScalar(b[j]) { j += 1 }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[i..<j]))
                i = j
                expectValue = false; sawValue = true
                continue
            }
            i += 1
        }
        guard stack.isEmpty, sawValue, !expectValue else { return nil }
        out.append(0x0A)
        return out
    }

    static func isScalar(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7A) || c == UInt8(ascii: "-") || c == UInt8(ascii: "+")
            || c == UInt8(ascii: ".") || c == UInt8(ascii: "E")
    }
}

/// Colours one laid-out JSON line, as `JSONStyling` would: keys, strings, numbers, booleans, null, punctuation.
enum JSONLineLexer {
    struct Token { var range: Range<Int>; var role: Role }

    static func tokens(_ t: UnsafeBufferPointer<UInt8>, line: Range<Int>) -> [Token] {
        var out: [Token] = []
        var i = line.lowerBound
        let end = line.upperBound
        while i < end {
            let c = t[i]
            var j = i + 1
            let role: Role
            if c == UInt8(ascii: "\"") {
                while j < end, t[j] != UInt8(ascii: "\"") { j += t[j] == UInt8(ascii: "\\") ? 2 : 1 }
                j = min(end, j + 1)
                // A key is a string followed by `:` (the laid-out text puts it right after).
                role = j < t.count && t[j] == UInt8(ascii: ":") ? .jsonKey : .jsonString
            } else if JSONReindent.isScalar(c) {
                while j < end, JSONReindent.isScalar(t[j]) { j += 1 }
                switch t[i] {
                case UInt8(ascii: "t"), UInt8(ascii: "f"): role = .jsonBoolean
                case UInt8(ascii: "n"): role = .jsonNull
                default: role = .jsonNumber
                }
            } else {
                while j < end, t[j] != UInt8(ascii: "\""), !JSONReindent.isScalar(t[j]) { j += 1 }
                role = .muted
            }
            out.append(Token(range: i..<min(j, end), role: role))
            i = j
        }
        return out
    }
}
