import Foundation

/// Reads a curl command pasted from the ThriveStack docs, a browser's "Copy as cURL" or a terminal.
///
/// Behaviour worth knowing:
/// - The text may start with a prompt (`$ `, `% `, `> `, `PS C:\> `). If it does not start with `curl`, the
///   first line that does is used (with a warning); if none does, the error says what the text starts with.
/// - Quoting follows bash, or Windows cmd / PowerShell when the command uses `^` / `` ` `` continuations.
///   CRLF line endings are fine. Nothing is executed: `$VARS` stay as text, with a warning.
/// - Options that do not change the request (`-s`, `-L`, `-v`, `-k`, `--compressed`, `-o FILE`, …) are
///   ignored. Options that cannot be translated (`-u`, `-F`, `-T`, `-K`, `--next`) and options the importer
///   does not know are errors naming the option: for an unknown option it cannot tell whether the next word is
///   its value or the URL.
/// - `@file` data and headers are read only when `baseDirectory` is given (relative paths against it);
///   otherwise the error names the file so the user can paste its contents. `@-` (stdin) is never read.
/// - `--long=value` is accepted for known options, although curl itself does not.
public enum CurlImport {
    public static func parse(_ command: String, baseDirectory: URL? = nil) throws(CurlImportError) -> ImportedRequest {
        let positions = CurlTextPositions(command)
        var (start, warnings) = try findCommand(positions)
        let (words, lexWarnings) = try CurlShellLexer.split(positions, from: start)
        warnings += lexWarnings
        guard let first = words.first, isCurl(first.text) else {
            // findCommand saw `curl`, so only odd quoting gets here (e.g. `'curl'`); say what was found.
            throw CurlImportError(.notCurl, "not a curl command: it starts with “\(words.first?.text ?? "")”")
        }
        var reader = CurlCommandReader(positions: positions, baseDirectory: baseDirectory)
        reader.warnings = warnings
        try reader.read(words.dropFirst())
        return try reader.finish()
    }

    static func isCurl(_ word: String) -> Bool {
        let name = (word.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? word).lowercased()
        return name == "curl" || name == "curl.exe"
    }

    /// The offset where the curl command starts, past any prompt.
    private static func findCommand(_ positions: CurlTextPositions) throws(CurlImportError) -> (Int, [String]) {
        let text = positions.text
        var lineStart = 0
        var firstWords: String?
        var loneCurl: (Int, String?)?
        var lineNumber = 1
        while lineStart < text.count {
            var lineEnd = lineStart
            while lineEnd < text.count, text[lineEnd] != "\n" { lineEnd += 1 }
            var k = lineStart
            while k < lineEnd, CurlTextPositions.isBlank(text[k]) { k += 1 }
            if k < lineEnd {
                var line = String.UnicodeScalarView()
                line.append(contentsOf: text[k..<lineEnd])
                let (prompt, rest) = stripPrompt(String(line))
                let word = rest.prefix { !$0.isWhitespace }
                // A lone "cURL" is a docs heading (seed 004 puts one above its command), not a command,
                // unless the options follow on the next lines.
                let alone = rest.dropFirst(word.count).allSatisfy(\.isWhitespace)
                if isCurl(String(word)), !alone || nextLineIsOption(text, after: lineEnd) {
                    let start = k + prompt
                    return (start, firstWords != nil ? ["ignored the text before line \(lineNumber) (“\(firstWords ?? "")”): the curl command starts there"] : [])
                }
                if isCurl(String(word)), loneCurl == nil { loneCurl = (k + prompt, firstWords) }
                // Comment lines above a command are normal in docs and scripts; they are not worth a warning.
                if firstWords == nil, text[k] != "#" { firstWords = positions.excerpt(at: k, limit: 30) }
            }
            lineStart = lineEnd + 1
            lineNumber += 1
        }
        // Only a bare `curl` line: read it, so the error says what is missing (the URL) rather than "not curl".
        if let (start, before) = loneCurl { return (start, before.map { ["ignored the text before the curl command (“\($0)”)"] } ?? []) }
        guard let firstWords else { throw CurlImportError(.notCurl, "not a curl command: the text is empty or only comments") }
        throw CurlImportError(.notCurl, "not a curl command: it starts with “\(firstWords)” and no line starts with curl")
    }

    /// True when the first non-blank character after the line break at `lineEnd` is `-` (an option).
    private static func nextLineIsOption(_ text: [Unicode.Scalar], after lineEnd: Int) -> Bool {
        var k = lineEnd
        while k < text.count, CurlTextPositions.isBlank(text[k]) || text[k] == "\n" { k += 1 }
        return k < text.count && text[k] == "-"
    }

    /// Removes a shell prompt; returns how many scalars it took and the rest of the line.
    private static func stripPrompt(_ line: String) -> (Int, Substring) {
        for p in ["$ ", "% ", "> ", "# "] where line.hasPrefix(p) {
            let rest = line.dropFirst(p.count).drop { $0 == " " }
            return (line.unicodeScalars.count - rest.unicodeScalars.count, rest)
        }
        if line.hasPrefix("PS "), let gt = line.firstIndex(of: ">") {
            let rest = line[line.index(after: gt)...].drop { $0 == " " }
            return (line.unicodeScalars.count - rest.unicodeScalars.count, rest)
        }
        return (0, Substring(line))
    }
}
