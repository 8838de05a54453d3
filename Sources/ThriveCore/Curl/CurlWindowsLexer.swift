/// Windows flavours of the shell lexer: cmd (`^` continuations, e.g. a browser's "Copy as cURL (cmd)")
/// and PowerShell (`` ` `` continuations, usually with `curl.exe`).
///
/// Both are best effort: enough for commands written for these shells by docs and browsers. Single quotes are
/// accepted as quotes even in cmd (where they are not), since a pasted doc command means them as quotes.
extension CurlShellLexer {
    // MARK: - cmd

    /// What cmd does before curl.exe sees its command line: `^X` becomes a literal X outside cmd's own
    /// double quotes, `^` at a line end joins the lines, and `| & < >` end the command.
    mutating func removeCmdCarets() {
        var outChars: [Unicode.Scalar] = []
        var outOrigin: [Int] = []
        var quoted = false
        var k = 0
        while k < chars.count {
            let c = chars[k]
            if c == "\n" { quoted = false }
            if c == "\"" { quoted.toggle() }
            if !quoted, c == "^" {
                if let next = lineEnd(after: k + 1) { k = next; continue }
                if k + 1 < chars.count { outChars.append(chars[k + 1]); outOrigin.append(origin[k + 1]) }
                k += 2
                continue
            }
            if !quoted, c == "|" || c == "&" || c == "<" || c == ">" {
                warnings.append("stopped reading at ‘\(c)’ (\(positions.describe(origin[k]))): only the curl command itself is imported, not what the shell does with it")
                break
            }
            outChars.append(c); outOrigin.append(origin[k])
            k += 1
        }
        chars = outChars
        origin = outOrigin
        i = 0
    }

    /// How curl.exe splits its command line (the Microsoft C runtime rules): `"` toggles quoting,
    /// backslashes are literal unless they precede a `"`.
    mutating func lexCmd() throws(CurlImportError) {
        while i < chars.count {
            let c = chars[i]
            switch c {
            case " ", "\t", "\u{A0}":
                finishWord(); i += 1
            case "\n":
                finishWord()
                if !continueAfterNewline() { return }
            case "\"":
                begin(); try msvcQuoted()
            case "'":
                begin()
                let start = i
                i += 1
                while i < chars.count, chars[i] != "'" { current.append(chars[i]); i += 1 }
                guard i < chars.count else { throw unterminated("single quote", at: start) }
                i += 1
            case "\\":
                begin(); msvcBackslashes(inQuotes: false)
            case "%":
                begin(); noteExpansion(at: i); current.append(c); i += 1
            default:
                begin(); current.append(c); i += 1
            }
        }
    }

    private mutating func msvcQuoted() throws(CurlImportError) {
        let start = i
        i += 1
        while i < chars.count {
            let c = chars[i]
            if c == "\"" {
                if i + 1 < chars.count, chars[i + 1] == "\"" { current.append("\""); i += 2; continue }
                i += 1
                return
            }
            if c == "\\" { msvcBackslashes(inQuotes: true); continue }
            if c == "%" { noteExpansion(at: i) }
            current.append(c); i += 1
        }
        throw unterminated("double quote", at: start)
    }

    /// 2n backslashes before `"` give n and leave the quote to toggle; 2n+1 give n and a literal `"`.
    private mutating func msvcBackslashes(inQuotes: Bool) {
        var n = 0
        while i < chars.count, chars[i] == "\\" { n += 1; i += 1 }
        guard i < chars.count, chars[i] == "\"" else {
            current.append(contentsOf: String(repeating: "\\", count: n).unicodeScalars)
            return
        }
        current.append(contentsOf: String(repeating: "\\", count: n / 2).unicodeScalars)
        if n % 2 == 1 { current.append("\""); i += 1 }
    }

    // MARK: - PowerShell

    mutating func lexPowerShell() throws(CurlImportError) {
        while i < chars.count {
            let c = chars[i]
            switch c {
            case " ", "\t", "\u{A0}":
                finishWord(); i += 1
            case "\n":
                finishWord()
                if !continueAfterNewline() { return }
            case "`":
                if let next = lineEnd(after: i + 1) { i = next; continue }
                begin()
                if i + 1 < chars.count { current.append(chars[i + 1]) }
                i += 2
            case "'":
                begin()
                let start = i
                i += 1
                while true {
                    guard i < chars.count else { throw unterminated("single quote", at: start) }
                    if chars[i] == "'" {
                        if i + 1 < chars.count, chars[i + 1] == "'" { current.append("'"); i += 2; continue }
                        i += 1
                        break
                    }
                    current.append(chars[i]); i += 1
                }
            case "\"":
                begin(); try powerShellDoubleQuoted()
            case "$":
                begin(); noteExpansion(at: i); current.append(c); i += 1
            case "#" where !inWord:
                skipComment()
            case "|", ";", "&", "<", ">":
                stop(atOperator: c); return
            default:
                begin(); current.append(c); i += 1
            }
        }
    }

    private mutating func powerShellDoubleQuoted() throws(CurlImportError) {
        let start = i
        i += 1
        while i < chars.count {
            let c = chars[i]
            if c == "\"" {
                if i + 1 < chars.count, chars[i + 1] == "\"" { current.append("\""); i += 2; continue }
                i += 1
                return
            }
            if c == "`", i + 1 < chars.count {
                let e = chars[i + 1]
                let escapes: [Unicode.Scalar: Unicode.Scalar] = ["n": "\n", "t": "\t", "r": "\r", "0": "\0", "a": "\u{07}", "b": "\u{08}", "e": "\u{1B}", "f": "\u{0C}", "v": "\u{0B}"]
                current.append(escapes[e] ?? e)
                i += 2
                continue
            }
            if c == "$" { noteExpansion(at: i) }
            current.append(c); i += 1
        }
        throw unterminated("double quote", at: start)
    }
}
