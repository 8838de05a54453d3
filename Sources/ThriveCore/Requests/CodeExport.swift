import Foundation

/// Languages a request can be copied as.
public enum CodeFormat: String, Sendable, CaseIterable, Hashable {
    case curl, httpie, js, python, go

    /// "curl", "HTTPie", "JavaScript fetch", "Python requests", "Go net/http"
    public var title: String {
        switch self {
        case .curl: return "curl"
        case .httpie: return "HTTPie"
        case .js: return "JavaScript fetch"
        case .python: return "Python requests"
        case .go: return "Go net/http"
        }
    }

    /// File extension for saving: "sh", "sh", "mjs", "py", "go"
    public var fileExtension: String {
        switch self {
        case .curl, .httpie: return "sh"
        // .mjs, not .js: Node runs it as a module, the only place it allows the program's top-level await.
        case .js: return "mjs"
        case .python: return "py"
        case .go: return "go"
        }
    }
}

/// Writes a request as a runnable program ("copy as code") in the languages the ThriveStack docs show.
///
/// Each program sends what `HTTPSender` sends: the same method, URL and headers, and the body as the exact
/// compact bytes, embedded as a string (rebuilding it from an object would lose key order and number literals such
/// as `1.50`), with no body for GET. Every string from the request becomes an escaped literal, so a quote in a header
/// value or the body cannot end it. Secret headers are masked unless `revealSecrets`; a masked program is still valid
/// code, which the server turns away.
public enum CodeExport {
    /// The request as a runnable program in `format`; the key (x-api-key or Authorization: Bearer) masked unless `revealSecrets`.
    public static func render(_ request: APIRequest, as format: CodeFormat, revealSecrets: Bool = false) -> String {
        switch format {
        case .curl: return CurlExport.curl(request, revealSecrets: revealSecrets, exactBody: true)
        case .httpie: return CurlExport.httpie(request, revealSecrets: revealSecrets)
        case .js: return javascript(Program(request, revealSecrets: revealSecrets))
        case .python: return python(Program(request, revealSecrets: revealSecrets))
        case .go: return go(Program(request, revealSecrets: revealSecrets))
        }
    }

    /// What every program writes, worked out once.
    struct Program {
        var method: String
        var url: String
        /// One entry per name: a dictionary or object literal keeps only the last of a repeated name, so repeats are
        /// joined with ", " (what fetch's Headers does, and equivalent in HTTP).
        var headers: [Header]
        /// The compact JSON text, or nil for GET, which the sender sends without a body.
        var body: String?
        /// A secret header is shown masked, so the program says so.
        var masked: Bool

        init(_ request: APIRequest, revealSecrets: Bool) {
            method = request.method
            url = request.url.absoluteString
            var merged: [Header] = []
            for h in revealSecrets ? request.headers : request.maskedHeaders {
                if let i = merged.firstIndex(where: { $0.name.caseInsensitiveCompare(h.name) == .orderedSame }) {
                    merged[i].value += ", " + h.value
                } else {
                    merged.append(h)
                }
            }
            headers = merged
            body = request.method == "GET" ? nil : request.body.compact()
            masked = !revealSecrets && request.headers.contains(where: \.isSecret)
        }
    }

    static let maskNote = "The API key is masked: put yours in its place, or copy again with the key revealed."

    // MARK: Programs

    static func javascript(_ p: Program) -> String {
        let q = { literal($0, quote: "'") }
        var lines = ["// The request thrive-inspector sends, byte for byte. Node 18+ (save as .mjs) or a browser console."]
        if p.masked { lines.append("// " + maskNote) }
        lines += ["const response = await fetch(\(q(p.url)), {", "  method: \(q(p.method)),", "  headers: {"]
        lines += p.headers.map { "    \(q($0.name)): \(q($0.value))," }
        lines.append("  },")
        // A string body is sent as its UTF-8 bytes, unchanged; JSON.stringify of an object would re-serialise it.
        if let body = p.body { lines.append("  body: \(q(body)),") }
        lines += [
            "  signal: AbortSignal.timeout(30000),",
            "});",
            "console.log(response.status, response.statusText);",
            "console.log(await response.text());",
        ]
        return lines.joined(separator: "\n")
    }

    static func python(_ p: Program) -> String {
        let q = { literal($0, quote: "'") }
        var lines = ["# The request thrive-inspector sends, byte for byte. Needs requests (pip install requests)."]
        if p.masked { lines.append("# " + maskNote) }
        lines += ["import requests", "", "url = \(q(p.url))", "headers = {"]
        lines += p.headers.map { "    \(q($0.name)): \(q($0.value))," }
        lines.append("}")
        var call = "response = requests.request(\(q(p.method)), url, headers=headers"
        if let body = p.body {
            // Bytes, not json= (which re-serialises) and not a str (which http.client encodes as Latin-1).
            lines += ["# The exact bytes to send: data=, not json=, which would write the JSON anew.",
                      "body = \(q(body)).encode('utf-8')"]
            call += ", data=body"
        }
        lines += ["", call + ", timeout=30)", "print(response.status_code, response.reason)", "print(response.text)"]
        return lines.joined(separator: "\n")
    }

    static func go(_ p: Program) -> String {
        let q = { literal($0, quote: "\"") }
        let bail = ["\tif err != nil {", "\t\tfmt.Fprintln(os.Stderr, err)", "\t\tos.Exit(1)", "\t}"]
        var lines = ["// The request thrive-inspector sends, byte for byte. Run: go run main.go"]
        if p.masked { lines.append("// " + maskNote) }
        // Go refuses unused imports, so "strings" is listed only when there is a body to read from it.
        let imports = ["fmt", "io", "net/http", "os"] + (p.body == nil ? [] : ["strings"]) + ["time"]
        lines += ["package main", "", "import ("] + imports.map { "\t\"\($0)\"" } + [")", "", "func main() {"]
        if let body = p.body { lines.append("\tbody := strings.NewReader(\(goBody(body)))") }
        lines.append("\treq, err := http.NewRequest(\(q(p.method)), \(q(p.url)), \(p.body == nil ? "nil" : "body"))")
        lines += bail
        lines += p.headers.map { "\treq.Header.Set(\(q($0.name)), \(q($0.value)))" }
        lines.append("\tclient := &http.Client{Timeout: 30 * time.Second}")
        lines.append("\tresp, err := client.Do(req)")
        lines += bail
        lines += ["\tdefer resp.Body.Close()", "\ttext, err := io.ReadAll(resp.Body)"]
        lines += bail
        lines += ["\tfmt.Println(resp.Status)", "\tfmt.Println(string(text))", "}"]
        return lines.joined(separator: "\n")
    }

    // MARK: Literals

    /// The body as a Go raw string when it can be one (JSON is full of `"`, which raw strings need not escape);
    /// a raw string cannot hold a backtick and drops carriage returns, so such a body is an interpreted string.
    static func goBody(_ s: String) -> String {
        if !s.contains("`"), !s.unicodeScalars.contains(where: needsEscape) { return "`" + s + "`" }
        return literal(s, quote: "\"")
    }

    /// A string literal holding exactly `s`, valid in JavaScript, Python and Go alike: the quote and backslash
    /// escaped, line breaks and invisible or direction-changing characters as `\uXXXX` (the one escape that means
    /// the same character in all three; Go's `\xNN` is a byte). A raw line break or NUL would end or break the
    /// literal, and an invisible character would make the code look unlike what it sends.
    static func literal(_ s: String, quote: Character) -> String {
        var out = String(quote)
        for u in s.unicodeScalars {
            switch u {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where Character(u) == quote: out += "\\" + String(quote)
            case _ where needsEscape(u):
                let hex = String(u.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            default: out.unicodeScalars.append(u)
            }
        }
        return out + String(quote)
    }

    /// Control characters, line and paragraph separators, zero-width and bidirectional marks, the BOM: all in the
    /// Basic Multilingual Plane, so four hex digits always do.
    static func needsEscape(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x00..<0x20, 0x7F...0x9F, 0xAD, 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x2069, 0xFEFF: return true
        default: return false
        }
    }
}
