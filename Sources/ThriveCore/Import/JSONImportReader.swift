/// A file holding one JSON value: an array contributes its elements, each positioned at the line where it starts.
enum JSONImportReader {
    static func read(_ value: JSONValue, bytes: [UInt8], into sink: inout ImportSink) {
        guard case .array(let items) = value else {
            sink.add(value, endpoint: nil, at: SourcePosition(file: sink.name, line: firstValueLine(bytes)))
            return
        }
        let starts = elementStarts(bytes)
        // The scan and the parser read the same bytes, so they agree; the check only guards against a future
        // parser change putting events at wrong lines.
        let lines = starts.count == items.count ? ByteLines.lines(of: starts, in: bytes) : Array(repeating: firstValueLine(bytes), count: items.count)
        for (item, line) in zip(items, lines) {
            sink.add(item, endpoint: nil, at: SourcePosition(file: sink.name, line: line))
        }
    }

    static func firstValueLine(_ bytes: [UInt8]) -> Int {
        var i = ByteLines.startSkippingBOM(bytes)
        while i < bytes.count, ByteLines.isBlank(bytes[i]) { i += 1 }
        return ByteLines.lines(of: [i], in: bytes)[0]
    }

    /// Byte offsets where each element of the top-level array starts, found with a flat scan (strings and
    /// nesting depth only), so no recursion and one pass however deep or long the text is.
    static func elementStarts(_ bytes: [UInt8]) -> [Int] {
        var i = ByteLines.startSkippingBOM(bytes)
        func skipBlank() { while i < bytes.count, ByteLines.isBlank(bytes[i]) { i += 1 } }
        skipBlank()
        guard i < bytes.count, bytes[i] == UInt8(ascii: "[") else { return [] }
        i += 1
        skipBlank()
        guard i < bytes.count, bytes[i] != UInt8(ascii: "]") else { return [] }
        var starts = [i]
        var depth = 0
        var inString = false
        while i < bytes.count {
            let b = bytes[i]
            if inString {
                if b == UInt8(ascii: "\\") { i += 2; continue }
                if b == UInt8(ascii: "\"") { inString = false }
                i += 1
                continue
            }
            switch b {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if depth == 0 { return starts }
                depth -= 1
            case UInt8(ascii: ",") where depth == 0:
                i += 1
                skipBlank()
                starts.append(i)
                continue
            default: break
            }
            i += 1
        }
        return starts
    }
}
