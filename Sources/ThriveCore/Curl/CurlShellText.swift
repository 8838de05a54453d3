import Foundation

/// One word of a shell command after quote removal, with where it started in the pasted text.
struct CurlShellWord: Sendable, Equatable {
    var text: String
    var line: Int
    var column: Int
}

/// Which shell's quoting rules a pasted command follows.
///
/// Guessed from the first line continuation: `\` (bash/zsh), `^` (Windows cmd) or `` ` `` (PowerShell).
/// Without any continuation the command is read as bash, by far the most common in docs.
enum CurlShellDialect: Sendable, Equatable {
    case posix, cmd, powershell

    static func guess(_ text: ArraySlice<Unicode.Scalar>) -> CurlShellDialect {
        var lastNonBlank: Unicode.Scalar?
        // A line end inside quotes is part of a word, not a continuation: a quoted value ending in a
        // backtick or caret must not make a bash command read as PowerShell or cmd (found by fuzzing).
        var quote: Unicode.Scalar?
        for c in text {
            if let q = quote {
                if c == q { quote = nil }
                lastNonBlank = nil
                continue
            }
            if c == "'" || c == "\"" {
                quote = c
                lastNonBlank = c
                continue
            }
            if c == "\n" {
                switch lastNonBlank {
                case "\\": return .posix
                case "^": return .cmd
                case "`": return .powershell
                default: break
                }
                lastNonBlank = nil
            } else if c != " ", c != "\t" {
                lastNonBlank = c
            }
        }
        return .posix
    }
}

/// The pasted text with line endings normalised, and a way to name places in it for messages.
struct CurlTextPositions: Sendable {
    let text: [Unicode.Scalar]
    /// Lines in the text, ignoring trailing blank lines; one-line commands get "column N" messages.
    let lineCount: Int
    /// The line and column (in characters, from 1) of every scalar offset and of the end, worked out once:
    /// locating each word by counting from the start made a long one-line command quadratic.
    private let lines: [Int32]
    private let columns: [Int32]

    private static func places(of text: [Unicode.Scalar]) -> ([Int32], [Int32]) {
        var lines = [Int32](repeating: 1, count: text.count + 1)
        var columns = [Int32](repeating: 1, count: text.count + 1)
        var line: Int32 = 1
        var start = 0
        // Line by line, columns count characters (grapheme clusters), as an editor shows them.
        while start <= text.count {
            var end = start
            while end < text.count, text[end] != "\n" { end += 1 }
            var scalars = String.UnicodeScalarView()
            scalars.append(contentsOf: text[start..<end])
            var k = start
            var column: Int32 = 1
            for character in String(scalars) {
                for _ in character.unicodeScalars { lines[k] = line; columns[k] = column; k += 1 }
                column += 1
            }
            // The line break itself (or the end of the text) sits one past the last character.
            lines[end] = line
            columns[end] = column
            line += 1
            start = end + 1
        }
        return (lines, columns)
    }

    init(_ raw: String) {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(raw.unicodeScalars.count)
        var previousWasCR = false
        for c in raw.unicodeScalars {
            if c == "\u{FEFF}", out.isEmpty { continue }
            if c == "\r" { out.append("\n"); previousWasCR = true; continue }
            if c == "\n", previousWasCR { previousWasCR = false; continue }
            previousWasCR = false
            out.append(c)
        }
        text = out
        (lines, columns) = CurlTextPositions.places(of: out)
        var end = out.count
        while end > 0, CurlTextPositions.isBlank(out[end - 1]) || out[end - 1] == "\n" { end -= 1 }
        lineCount = out[..<end].reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
    }

    static func isBlank(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\u{A0}" }

    /// 1-based line and column of an offset; the column counts characters, as editors do.
    func locate(_ offset: Int) -> (line: Int, column: Int) {
        let offset = min(max(0, offset), text.count)
        return (Int(lines[offset]), Int(columns[offset]))
    }

    /// "column 6" for one-line commands, "line 3, column 8" otherwise.
    func describe(_ offset: Int) -> String {
        let (line, column) = locate(offset)
        return lineCount == 1 ? "column \(column)" : "line \(line), column \(column)"
    }

    /// The text of the line holding `offset`, shortened for quoting in a message.
    func excerpt(at offset: Int, limit: Int = 40) -> String {
        var k = min(max(0, offset), text.count)
        var scalars = String.UnicodeScalarView()
        while k < text.count, text[k] != "\n" { scalars.append(text[k]); k += 1 }
        let s = String(scalars).trimmingCharacters(in: .whitespaces)
        return s.count > limit ? String(s.prefix(limit)) + "…" : s
    }
}
