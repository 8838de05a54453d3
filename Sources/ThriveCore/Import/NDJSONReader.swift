/// One JSON value per line. Blank lines and CRLF are fine; a line that does not parse is a problem with the
/// parser's column and message, and the lines after it still load. A line holding an array contributes each element.
enum NDJSONReader {
    static func read(_ bytes: [UInt8], into sink: inout ImportSink) {
        ByteLines.forEach(bytes) { number, start, end in
            guard !ByteLines.isBlank(bytes, start, end) else { return true }
            let position = SourcePosition(file: sink.name, line: number)
            do throws(JSONParseError) {
                sink.addBody(try JSONParser.parse(bytes: Array(bytes[start..<end])), endpoint: nil, at: position)
            } catch {
                sink.problem(position, "column \(error.column): \(error.message)")
            }
            return true
        }
    }

    /// For text that is not one JSON value and whose first value is itself broken: NDJSON when most of its
    /// first non-blank lines are complete values (a pretty-printed JSON file has almost none).
    static func mostLinesParse(_ bytes: [UInt8], sample: Int = 20) -> Bool {
        var seen = 0, parsed = 0
        ByteLines.forEach(bytes) { _, start, end in
            guard !ByteLines.isBlank(bytes, start, end) else { return true }
            seen += 1
            if (try? JSONParser.parse(bytes: Array(bytes[start..<end]))) != nil { parsed += 1 }
            return seen < sample
        }
        return seen >= 2 && parsed * 2 >= seen
    }
}
