import Foundation

/// Splits a pasted shell command into words the way the shell would, without running anything.
///
/// Bash rules: single quotes, double quotes with `\" \\ \$ \``, `$'…'` ANSI-C quoting, backslash escapes,
/// backslash-newline continuations, `#` comments. Variables and command substitutions are kept as their text
/// (with a warning) since nothing is evaluated. The command ends at a shell operator (`|`, `;`, `&`, `<`, `>`)
/// or at a line break without continuation — unless the next line starts with `-`, because docs renderers
/// often lose the trailing backslashes and the intent is then plain.
struct CurlShellLexer {
    let positions: CurlTextPositions
    let dialect: CurlShellDialect
    /// The characters still to read, and for each its offset in `positions.text` (cmd removes carets first).
    var chars: [Unicode.Scalar]
    var origin: [Int]
    var i = 0
    var words: [CurlShellWord] = []
    var warnings: [String] = []
    var current = String.UnicodeScalarView()
    var inWord = false
    var wordStart = 0
    var warnedMissingContinuation = false
    var warnedExpansions: Set<String> = []

    init(_ positions: CurlTextPositions, from start: Int, dialect: CurlShellDialect) {
        self.positions = positions
        self.dialect = dialect
        chars = Array(positions.text[start...])
        origin = Array(start..<positions.text.count)
    }

    static func split(_ positions: CurlTextPositions, from start: Int) throws(CurlImportError) -> (words: [CurlShellWord], warnings: [String]) {
        let dialect = CurlShellDialect.guess(positions.text[start...])
        var lexer = CurlShellLexer(positions, from: start, dialect: dialect)
        switch dialect {
        case .posix: try lexer.lexPosix()
        case .powershell: try lexer.lexPowerShell()
        case .cmd:
            lexer.removeCmdCarets()
            try lexer.lexCmd()
        }
        lexer.finishWord()
        return (lexer.words, lexer.warnings)
    }

    // MARK: - Bash

    mutating func lexPosix() throws(CurlImportError) {
        while i < chars.count {
            let c = chars[i]
            switch c {
            case " ", "\t", "\u{A0}":
                finishWord(); i += 1
            case "\n":
                finishWord()
                if !continueAfterNewline() { return }
            case "\\":
                if let next = lineEnd(after: i + 1) { i = next; continue }
                begin()
                if i + 1 < chars.count { current.append(chars[i + 1]) }
                i += 2
            case "'":
                begin(); try singleQuoted()
            case "\"":
                begin(); try doubleQuoted()
            case "$":
                begin()
                if i + 1 < chars.count, chars[i + 1] == "'" { try ansiCQuoted(); continue }
                if i + 1 < chars.count, chars[i + 1] == "\"" { i += 1; try doubleQuoted(); continue }
                noteExpansion(at: i)
                current.append(c); i += 1
            case "`":
                // A PowerShell continuation pasted into an otherwise bash command; harmless to accept.
                if let next = lineEnd(after: i + 1) { i = next; continue }
                begin(); noteExpansion(at: i)
                current.append(c); i += 1
            case "#" where !inWord:
                skipComment()
            case "|", ";", "&", "<", ">":
                stop(atOperator: c); return
            default:
                begin(); current.append(c); i += 1
            }
        }
    }

    private mutating func singleQuoted() throws(CurlImportError) {
        let start = i
        i += 1
        while i < chars.count, chars[i] != "'" { current.append(chars[i]); i += 1 }
        guard i < chars.count else { throw unterminated("single quote", at: start) }
        i += 1
    }

    private mutating func doubleQuoted() throws(CurlImportError) {
        let start = i
        i += 1
        while i < chars.count {
            let c = chars[i]
            if c == "\"" { i += 1; return }
            if c == "\\", i + 1 < chars.count {
                let n = chars[i + 1]
                if n == "\n" { i += 2; continue }
                if n == "\"" || n == "\\" || n == "$" || n == "`" { current.append(n); i += 2; continue }
            }
            if c == "$" || c == "`" { noteExpansion(at: i) }
            current.append(c); i += 1
        }
        throw unterminated("double quote", at: start)
    }

    /// `$'…'`: escapes build bytes, so `\xc3\xa9` gives é as in bash.
    private mutating func ansiCQuoted() throws(CurlImportError) {
        let start = i
        i += 2
        var bytes: [UInt8] = []
        while i < chars.count {
            let c = chars[i]
            if c == "'" {
                i += 1
                current.append(contentsOf: String(decoding: bytes, as: UTF8.self).unicodeScalars)
                return
            }
            guard c == "\\", i + 1 < chars.count else { bytes.append(contentsOf: String(c).utf8); i += 1; continue }
            let e = chars[i + 1]
            i += 2
            switch e {
            case "n": bytes.append(0x0A)
            case "t": bytes.append(0x09)
            case "r": bytes.append(0x0D)
            case "a": bytes.append(0x07)
            case "b": bytes.append(0x08)
            case "e", "E": bytes.append(0x1B)
            case "f": bytes.append(0x0C)
            case "v": bytes.append(0x0B)
            case "\\", "'", "\"", "?": bytes.append(UInt8(e.value))
            case "0"..."7":
                var value = e.value - 0x30
                var count = 1
                while count < 3, i < chars.count, ("0"..."7").contains(chars[i]) {
                    value = value * 8 + chars[i].value - 0x30; i += 1; count += 1
                }
                bytes.append(UInt8(value & 0xFF))
            case "x", "u", "U":
                let (value, count) = hexDigits(max: e == "x" ? 2 : e == "u" ? 4 : 8)
                if count == 0 { bytes.append(0x5C); bytes.append(UInt8(e.value)); continue }
                if e == "x" { bytes.append(UInt8(value)); continue }
                bytes.append(contentsOf: String(Unicode.Scalar(value) ?? "\u{FFFD}").utf8)
            case "c" where i < chars.count:
                bytes.append(UInt8(chars[i].value & 0x1F)); i += 1
            default:
                bytes.append(0x5C); bytes.append(contentsOf: String(e).utf8)
            }
        }
        throw unterminated("$' quote", at: start)
    }

    private mutating func hexDigits(max: Int) -> (UInt32, Int) {
        var value: UInt32 = 0
        var count = 0
        while count < max, i < chars.count, let d = CurlShellLexer.hexValue(chars[i]) {
            value = value &* 16 &+ d; i += 1; count += 1
        }
        return (value, count)
    }

    static func hexValue(_ c: Unicode.Scalar) -> UInt32? {
        switch c.value {
        case 0x30...0x39: return c.value - 0x30
        case 0x41...0x46: return c.value - 0x41 + 10
        case 0x61...0x66: return c.value - 0x61 + 10
        default: return nil
        }
    }

    // MARK: - Shared helpers

    mutating func begin() {
        if !inWord { inWord = true; wordStart = origin[i] }
    }

    mutating func finishWord() {
        guard inWord else { return }
        let (line, column) = positions.locate(wordStart)
        words.append(CurlShellWord(text: String(current), line: line, column: column))
        current = String.UnicodeScalarView()
        inWord = false
    }

    /// If only blanks follow `k` up to a line break (or the end), the index after it: a continuation.
    func lineEnd(after k: Int) -> Int? {
        var k = k
        while k < chars.count, CurlTextPositions.isBlank(chars[k]) { k += 1 }
        if k == chars.count { return k }
        return chars[k] == "\n" ? k + 1 : nil
    }

    mutating func skipComment() {
        while i < chars.count, chars[i] != "\n" { i += 1 }
    }

    /// At an unescaped line break: go on if the next line is an option, else end the command.
    mutating func continueAfterNewline() -> Bool {
        let breakAt = i
        var k = i + 1
        while k < chars.count {
            if CurlTextPositions.isBlank(chars[k]) || chars[k] == "\n" { k += 1; continue }
            if chars[k] == "#" { while k < chars.count, chars[k] != "\n" { k += 1 }; continue }
            break
        }
        guard k < chars.count else { i = chars.count; return false }
        let line = positions.locate(origin[breakAt]).line
        if chars[k] == "-" {
            if !warnedMissingContinuation {
                warnedMissingContinuation = true
                warnings.append("line \(line) does not end with a line continuation; the next line starts with an option, so it was read as part of the command")
            }
            i = k
            return true
        }
        warnings.append("ignored the text from line \(positions.locate(origin[k]).line) on (“\(positions.excerpt(at: origin[k]))”): only one curl command is read")
        i = chars.count
        return false
    }

    mutating func stop(atOperator op: Unicode.Scalar) {
        // `2>/dev/null`: the digits are a file descriptor, not a word of the command.
        if inWord, op == ">" || op == "<", !current.isEmpty, current.allSatisfy({ ("0"..."9").contains($0) }) {
            current = String.UnicodeScalarView(); inWord = false
        }
        warnings.append("stopped reading at ‘\(op)’ (\(positions.describe(origin[i]))): only the curl command itself is imported, not what the shell does with it")
        i = chars.count
    }

    /// Warns once per name that `$NAME`, `${…}`, `$(…)`, `%NAME%` or a backtick was kept unexpanded.
    mutating func noteExpansion(at k: Int) {
        let c = chars[k]
        var name = ""
        if c == "`" {
            name = "`…`"
        } else if c == "%" {
            var j = k + 1
            while j < chars.count, chars[j] != "%", chars[j] != "\n", !CurlTextPositions.isBlank(chars[j]) { name.unicodeScalars.append(chars[j]); j += 1 }
            guard j < chars.count, chars[j] == "%", !name.isEmpty else { return }
            name = "%\(name)%"
        } else {
            guard k + 1 < chars.count else { return }
            let n = chars[k + 1]
            if n == "(" { name = "$(…)" } else if n == "{" {
                var j = k + 2
                while j < chars.count, chars[j] != "}" { name.unicodeScalars.append(chars[j]); j += 1 }
                name = "${\(name)}"
            } else if n == "_" || n.properties.isAlphabetic {
                var j = k + 1
                while j < chars.count, chars[j] == "_" || chars[j].properties.isAlphabetic || ("0"..."9").contains(chars[j]) {
                    name.unicodeScalars.append(chars[j]); j += 1
                }
                name = "$" + name
            } else { return }
        }
        guard warnedExpansions.insert(name).inserted else { return }
        warnings.append(name.hasPrefix("$(") || name.hasPrefix("`")
            ? "the command substitution \(name) was not run; its text was kept as is"
            : "the variable \(name) was not expanded; its text was kept as is — replace it with the real value")
    }

    func unterminated(_ what: String, at k: Int) -> CurlImportError {
        let (line, column) = positions.locate(origin[k])
        return CurlImportError(.unterminatedQuote, "unterminated \(what) starting at \(positions.describe(origin[k])): the closing quote is missing", line: line, column: column)
    }
}
