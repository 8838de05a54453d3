import Foundation
import Testing
@testable import ThriveCore

/// The text of "copy as code": masking, escaping and program structure. That each program really sends the app's
/// request is checked by running them (ThriveNetTests' CodeExportRunTests); Go, not installed, only here.
@Suite("Code export")
struct CodeExportTests {
    let key = "ts_live_abcdefgh12345678WXYZ"

    func request(auth: AuthStyle = .apiKey, body: String = #"[{"event_name":"signed_up","user_id":"u-1","properties":{"n":1.50}}]"#) throws -> APIRequest {
        RequestBuilder(target: .live, auth: auth, apiKey: key).build(endpoint: .track, body: try JSONParser.parse(body))
    }

    static let everything = CodeFormat.allCases.flatMap { f in AuthStyle.allCases.map { (f, $0) } }

    @Test(arguments: everything)
    func keyIsMaskedByDefault(format: CodeFormat, auth: AuthStyle) throws {
        let text = CodeExport.render(try request(auth: auth), as: format)
        #expect(!text.contains(key))
        #expect(!text.contains("12345678WXYZ"), "no more than the last four characters")
        let shown = auth == .bearer ? "Bearer " + SecretMask.mask(key) : SecretMask.mask(key)
        #expect(text.contains(shown), "\(text)")
        if ![.curl, .httpie].contains(format) { #expect(text.contains(CodeExport.maskNote)) }
    }

    @Test(arguments: everything)
    func keyIsRevealedOnRequest(format: CodeFormat, auth: AuthStyle) throws {
        let text = CodeExport.render(try request(auth: auth), as: format, revealSecrets: true)
        #expect(text.contains(auth == .bearer ? "Bearer " + key : key))
        #expect(text.contains(auth == .bearer ? "Authorization" : "x-api-key"))
        #expect(!text.contains(auth == .bearer ? "x-api-key" : "Authorization"))
        #expect(!text.contains("•"))
        #expect(!text.contains(CodeExport.maskNote))
    }

    @Test func titlesAndExtensions() {
        #expect(CodeFormat.allCases.map(\.title) == ["curl", "HTTPie", "JavaScript fetch", "Python requests", "Go net/http"])
        #expect(CodeFormat.allCases.map(\.fileExtension) == ["sh", "sh", "mjs", "py", "go"])
    }

    /// A header value and a body that try to leave their literal: quotes, backslashes, `${`, backticks, `%`.
    static let awkward = #"it's "q" \ ${x} `b` %s"#

    @Test func headerValuesAreEscapedPerLanguage() throws {
        var r = try request()
        r.headers.append(Header("x-note", Self.awkward))
        let js = CodeExport.render(r, as: .js)
        #expect(js.contains(#"    'x-note': 'it\'s "q" \\ ${x} `b` %s',"#), "\(js)")
        let py = CodeExport.render(r, as: .python)
        #expect(py.contains(#"    'x-note': 'it\'s "q" \\ ${x} `b` %s',"#), "\(py)")
        let go = CodeExport.render(r, as: .go)
        #expect(go.contains("\t" + #"req.Header.Set("x-note", "it's \"q\" \\ ${x} `b` %s")"#), "\(go)")
        #expect(CodeExport.render(r, as: .curl).contains(#"--header 'x-note: it'\''s "q" \ ${x} `b` %s'"#))
    }

    @Test func bodyIsTheCompactBytesEscaped() throws {
        // JSON escapes the newline as `\n`; U+2028 and the emoji travel raw and must stay those characters.
        let r = try request(body: #"[{"a":"it's \"q\" \\ ${x} %s\n"# + "\u{2028}é😀\"}]")
        #expect(r.body.compact() == #"[{"a":"it's \"q\" \\ ${x} %s\n"# + "\u{2028}é😀\"}]")
        let expected = #"'[{"a":"it\'s \\"q\\" \\\\ ${x} %s\\n\u2028é😀"}]'"#
        #expect(CodeExport.render(r, as: .js).contains("  body: " + expected + ","))
        #expect(CodeExport.render(r, as: .python).contains("body = " + expected + ".encode('utf-8')"))
        #expect(CodeExport.render(r, as: .curl).contains("--data-raw '" + r.body.compact().replacingOccurrences(of: "'", with: #"'\''"#) + "'"))
        #expect(CodeExport.render(r, as: .httpie).hasPrefix("printf '%s' '[{"))
        // Go: a raw string keeps the JSON readable; a U+2028 (or a backtick) sends it back to an interpreted string.
        #expect(CodeExport.render(try request(), as: .go)
            .contains("\tbody := strings.NewReader(`" + (try request()).body.compact() + "`)"))
        #expect(CodeExport.render(r, as: .go)
            .contains("\t" + #"body := strings.NewReader("[{\"a\":\"it's \\\"q\\\" \\\\ ${x} %s\\n\u2028é😀\"}]")"#))
    }

    @Test func controlAndInvisibleCharactersBecomeEscapes() {
        let s = "a\u{0}b\u{1b}c\rd\te\u{85}f\u{200b}g\u{202e}h\u{feff}i"
        let text = CodeExport.literal(s, quote: "'")
        #expect(text == #"'a\u0000b\u001bc\rd\te\u0085f\u200bg\u202eh\ufeffi'"#)
        #expect(CodeExport.literal("say \"hi\"", quote: "\"") == #""say \"hi\"""#)
        #expect(CodeExport.goBody("a`b") == "\"a`b\"")
        #expect(CodeExport.goBody(#"{"a":1}"#) == #"`{"a":1}`"#)
    }

    @Test func getSendsNoBodyLikeTheSender() throws {
        var r = try request()
        r.method = "GET"
        #expect(!CodeExport.render(r, as: .js).contains("body:"))
        #expect(!CodeExport.render(r, as: .python).contains("data="))
        #expect(CodeExport.render(r, as: .python).contains("requests.request('GET', url, headers=headers, timeout=30)"))
        let go = CodeExport.render(r, as: .go)
        #expect(go.contains(#"http.NewRequest("GET", "https://api.app.thrivestack.ai/api/track", nil)"#))
        #expect(!go.contains("strings"), "Go refuses an unused import")
        #expect(!CodeExport.render(r, as: .curl).contains("--data-raw"))
    }

    @Test func repeatedHeadersAreJoinedNotDropped() throws {
        var r = try request()
        r.headers += [Header("X-Tag", "a"), Header("x-tag", "b")]
        #expect(CodeExport.render(r, as: .python).contains("    'X-Tag': 'a, b',"))
        #expect(CodeExport.render(r, as: .js).contains("    'X-Tag': 'a, b',"))
        #expect(CodeExport.render(r, as: .go).contains(#"req.Header.Set("X-Tag", "a, b")"#))
    }

    @Test(arguments: [false, true])
    func goProgramIsComplete(reveal: Bool) throws {
        var r = try request(body: #"[{"event_name":"signed_up","user_id":"u-1","n":"`{(\"}"}]"#)
        r.headers.append(Header("x-note", Self.awkward + "{[("))
        let go = CodeExport.render(r, as: .go, revealSecrets: reveal)
        let lines = go.components(separatedBy: "\n")
        #expect(lines.contains("package main"))
        #expect(go.contains("import (\n\t\"fmt\"\n\t\"io\"\n\t\"net/http\"\n\t\"os\"\n\t\"strings\"\n\t\"time\"\n)"))
        #expect(go.contains("func main() {"))
        #expect(go.contains(#"req, err := http.NewRequest("POST", "https://api.app.thrivestack.ai/api/track", body)"#))
        #expect(go.contains(#"req.Header.Set("x-api-key", "\#(reveal ? key : SecretMask.mask(key))")"#))
        #expect(go.contains("fmt.Println(resp.Status)"))
        #expect(go.contains(key) == reveal)
        #expect(Self.goBracketsBalance(go), "\(go)")
    }

    /// Brackets balance outside string literals and comments, and every literal is closed on its line: what a
    /// broken escape would upset first.
    static func goBracketsBalance(_ source: String) -> Bool {
        var stack: [Character] = []
        for line in source.components(separatedBy: "\n") {
            var chars = Array(line)[...]
            while let c = chars.popFirst() {
                switch c {
                case "/" where chars.first == "/": chars.removeAll()
                case "\"":
                    var closed = false
                    while let d = chars.popFirst() {
                        if d == "\\" { _ = chars.popFirst() } else if d == "\"" { closed = true; break }
                    }
                    guard closed else { return false }
                case "`":
                    guard let end = chars.firstIndex(of: "`") else { return false }
                    chars = chars[(end + 1)...]
                case "(", "{", "[": stack.append(c)
                case ")", "}", "]":
                    guard let open = stack.popLast(), open == ([")": "(", "}": "{", "]": "["] as [Character: Character])[c] else { return false }
                default: break
                }
            }
        }
        return stack.isEmpty
    }
}
