import Foundation

/// A text file of one or more curl commands (a support ticket, a shell history, docs samples). Each command is
/// read by ``CurlImport``; its events are positioned at the line where the command starts, the endpoint comes
/// from its URL, and its key goes to `foundKeys`, never into a message.
enum CurlFileReader {
    static func read(_ bytes: [UInt8], baseDirectory: URL?, into sink: inout ImportSink) {
        let starts = commandStarts(bytes)
        for (k, start) in starts.enumerated() {
            let end = k + 1 < starts.count ? starts[k + 1].offset : bytes.count
            let text = String(decoding: bytes[start.offset..<end], as: UTF8.self)
            let position = SourcePosition(file: sink.name, line: start.line)
            // Searched only when there is a message to clean: the pattern costs more than the import itself.
            func problem(_ message: String) { sink.problem(position, redact(message, secretsIn(text))) }
            let request: ImportedRequest
            do { request = try CurlImport.parse(text, baseDirectory: baseDirectory) } catch {
                problem("the curl command cannot be imported: \(error.message)")
                continue
            }
            sink.foundKey(request.apiKey)
            guard let endpoint = request.endpoint else {
                problem("the URL path \(request.url.path.isEmpty ? "/" : request.url.path) does not end in /track, /identify or /group")
                continue
            }
            guard request.method == "POST" else {
                problem("the command is a \(request.method) request; the API takes events by POST")
                continue
            }
            do { sink.addBody(try request.requireJSONBody(), endpoint: endpoint, at: position) } catch {
                problem(error.message)
            }
        }
        if starts.isEmpty { sink.problem(SourcePosition(file: sink.name), "no line starts a curl command") }
    }

    static func containsCommand(_ bytes: [UInt8]) -> Bool {
        var found = false
        ByteLines.forEach(bytes) { _, start, end in
            found = curlWordEnd(bytes, start, end) != nil
            return !found
        }
        return found
    }

    /// Where each command starts: a line beginning with `curl` (after a prompt) that is not inside a quoted
    /// body or a continued line of the previous command. Quotes follow bash closely enough for splitting.
    static func commandStarts(_ bytes: [UInt8]) -> [(offset: Int, line: Int)] {
        var lines: [(start: Int, end: Int, number: Int)] = []
        ByteLines.forEach(bytes) { number, start, end in lines.append((start, end, number)); return true }
        var starts: [(offset: Int, line: Int)] = []
        var quote: UInt8? = nil
        var continued = false
        for (k, line) in lines.enumerated() {
            if quote == nil, !continued, let wordEnd = curlWordEnd(bytes, line.start, line.end) {
                // A lone "cURL" is a docs heading unless options follow on the next line (as CurlImport reads it).
                let alone = ByteLines.isBlank(bytes, wordEnd, line.end)
                if !alone || nextLineIsOption(bytes, lines[(k + 1)...]) { starts.append((line.start, line.number)) }
            }
            (quote, continued) = scan(bytes, line.start, line.end, quote: quote)
        }
        return starts
    }

    /// Carries the open quote across a line and says whether the line ends in a continuation (`\`, `^`, `` ` ``).
    private static func scan(_ bytes: [UInt8], _ start: Int, _ end: Int, quote open: UInt8?) -> (UInt8?, Bool) {
        var quote = open
        var i = start
        var wordStart = true
        while i < end {
            let b = bytes[i]
            if let q = quote {
                if b == UInt8(ascii: "\\"), q != UInt8(ascii: "'") { i += 2; continue }
                if b == q || (q == 0x01 && b == UInt8(ascii: "'")) { quote = nil }
                i += 1
                continue
            }
            switch b {
            case UInt8(ascii: "\\"):
                if i + 1 >= end { return (nil, true) }
                i += 2; wordStart = false; continue
            case UInt8(ascii: "'"), UInt8(ascii: "\""): quote = b
            // `$'…'` allows backslash escapes, unlike plain single quotes; 0x01 marks it.
            case UInt8(ascii: "$") where i + 1 < end && bytes[i + 1] == UInt8(ascii: "'"): quote = 0x01; i += 1
            case UInt8(ascii: "#") where wordStart: return (nil, false)
            case UInt8(ascii: "^"), UInt8(ascii: "`"):
                if ByteLines.isBlank(bytes, i + 1, end) { return (nil, true) }
            default: break
            }
            wordStart = b == 0x20 || b == 0x09
            i += 1
        }
        return (quote, false)
    }

    /// The end of the `curl` word when the line starts with one (after blanks and a shell prompt).
    private static func curlWordEnd(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Int? {
        var i = start
        while i < end, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        if i + 1 < end, [UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: ">")].contains(bytes[i]), bytes[i + 1] == 0x20 {
            i += 2
            while i < end, bytes[i] == 0x20 { i += 1 }
        } else if i + 3 < end, bytes[i] == UInt8(ascii: "P"), bytes[i + 1] == UInt8(ascii: "S"), bytes[i + 2] == 0x20,
                  let gt = bytes[i..<min(end, i + 300)].firstIndex(of: UInt8(ascii: ">")) {
            i = gt + 1
            while i < end, bytes[i] == 0x20 { i += 1 }
        }
        var wordEnd = i
        while wordEnd < end, bytes[wordEnd] != 0x20, bytes[wordEnd] != 0x09 { wordEnd += 1 }
        guard wordEnd > i, wordEnd - i < 300 else { return nil }
        return CurlImport.isCurl(String(decoding: bytes[i..<wordEnd], as: UTF8.self)) ? wordEnd : nil
    }

    private static func nextLineIsOption(_ bytes: [UInt8], _ rest: ArraySlice<(start: Int, end: Int, number: Int)>) -> Bool {
        for line in rest where !ByteLines.isBlank(bytes, line.start, line.end) {
            var i = line.start
            while i < line.end, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
            return bytes[i] == UInt8(ascii: "-")
        }
        return false
    }

    /// Keys written in the command (headers, `--oauth2-bearer`), found before parsing so that no message can
    /// quote one even when the command is too broken to parse.
    static func secretsIn(_ text: String) -> [String] {
        let pattern = /(?i)(?:x-api-key\s*:\s*|bearer\s+|--oauth2-bearer[\s=]+)['"]?([^\s'"\\]+)/
        return text.matches(of: pattern).map { String($0.1) }.filter { !$0.isEmpty }
    }

    static func redact(_ message: String, _ secrets: [String]) -> String {
        secrets.reduce(message) { $0.replacingOccurrences(of: $1, with: SecretMask.redacted) }
    }
}
