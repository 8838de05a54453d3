import Foundation
import Testing
@testable import ThriveCore

@Suite("Curl import")
struct CurlImportTests {
    /// The `curl …` block of a seed document, exactly as pasted from it.
    static func seedCurl(_ prefix: String) throws -> String {
        let text = try SeedFixtures.text(prefix)
        if let fenced = text.components(separatedBy: "```bash\n").dropFirst().first {
            return fenced.components(separatedBy: "```")[0]
        }
        // Seed 004 has no fences: the command runs from `curl` to the line that closes the quoted body.
        let start = try #require(text.range(of: "curl --location"))
        let end = try #require(text.range(of: "]'\n", range: start.upperBound..<text.endIndex))
        return String(text[start.lowerBound..<end.upperBound])
    }

    static let seedToken = "eyJhbGciOiJSUzI1NiIsImlkIjoiNWZiY2E4YmUtNzk0OC00ZGQ3LTgxZGItZDZiMTFjNjhlYjgwIiwidHlwIjoiSldUIn0"

    @Test func seed000AccountAddedUser() throws {
        let imported = try CurlImport.parse(try Self.seedCurl("000"))
        #expect(imported.url.absoluteString == "https://api.app.thrivestack.ai/api/track")
        #expect(imported.method == "POST")
        #expect(imported.endpoint == .track)
        #expect(imported.authStyle == .bearer)
        #expect(imported.apiKey?.hasPrefix(Self.seedToken + ".") == true)
        #expect(imported.apiKey?.hasSuffix("S72sFtUg") == true)
        #expect(imported.header("content-type") == "application/json")
        // The seed's curl body is its JSON sample with another user's name and email.
        var expected = try #require(SeedFixtures.jsonSamples("000").first)
        let renamed = expected.set(.string("ankitGupta"), at: JSONPointer(["0", "properties", "user_name"]))
            && expected.set(.string("ankitGupta@acmelabs.com"), at: JSONPointer(["0", "properties", "user_email"]))
        #expect(renamed)
        #expect(imported.body == expected)
        #expect(imported.bodyText?.hasSuffix("}]\n") == true, "the body keeps its text, newline included")
        #expect(imported.warnings.isEmpty)
    }

    @Test func seed001AccountCreated() throws {
        let imported = try CurlImport.parse(try Self.seedCurl("001"))
        #expect(imported.endpoint == .track)
        #expect(imported.method == "POST")
        #expect(imported.authStyle == .bearer)
        #expect(imported.apiKey?.hasPrefix(Self.seedToken) == true)
        #expect(imported.body == (try SeedFixtures.jsonSamples("001").first))
        let request = try imported.apiRequest()
        #expect(request.endpoint == .track)
        #expect(request.body.arrayValue?.first?["event_name"] == .string("account_created"))
    }

    @Test func seed004Group() throws {
        let imported = try CurlImport.parse(try Self.seedCurl("004"))
        #expect(imported.url.absoluteString == "https://api.app.thrivestack.ai/api/group")
        #expect(imported.endpoint == .group)
        #expect(imported.authStyle == .apiKey)
        #expect(imported.apiKey == "YOUR_API_KEY")
        #expect(imported.headers.map(\.name) == ["accept", "content-type", "x-api-key"])
        let expected = try JSONParser.parse("""
            [{"group_id": "ac8db7ba-5139-4911-ba6e-523fd9c4704b", "user_id": "18f716ac-37a4-464f-adb7-3cc30032308c",
              "context": {"device_id": "7d08298f", "session_id": "session_e2iukz3vduo",
                          "group_id": "ac8db7ba-5139-4911-ba6e-523fd9c4704b", "source": "product"},
              "traits": {"group_type": "Account", "account_domain": "acme.com", "account_name": "Acme Corporation",
                         "industry": "Technology", "plan": "enterprise"},
              "timestamp": "2024-01-15T10:30:00Z"}]
            """)
        #expect(imported.body == expected)
    }

    @Test func wholeSeedPagesImportTheirCommand() throws {
        // Seed 004 has a "cURL" heading line right above the command: it must not be taken for the command.
        let group = try CurlImport.parse(try SeedFixtures.text("004"))
        #expect(group.endpoint == .group)
        #expect(group.apiKey == "YOUR_API_KEY")
        #expect(group.body == (try CurlImport.parse(try Self.seedCurl("004")).body))
        #expect(group.warnings.contains { $0.hasPrefix("ignored the text before line ") })
        let track = try CurlImport.parse(try SeedFixtures.text("000"))
        #expect(track.body == (try CurlImport.parse(try Self.seedCurl("000")).body))
        #expect(track.authStyle == .bearer)
    }

    @Test(arguments: [
        "curl -X POST https://h.io/api/track -d '[1]'",
        "curl -XPOST https://h.io/api/track -d '[1]'",
        "curl --request POST https://h.io/api/track --data '[1]'",
        "curl --request=post https://h.io/api/track --data-raw '[1]'",
        "curl https://h.io/api/track --data-binary '[1]'",
        "curl -sSL https://h.io/api/track -d '[1]'",
        "curl -sSLX POST https://h.io/api/track -d '[1]'",
        "$ curl https://h.io/api/track -d '[1]'",
        "  % curl https://h.io/api/track -d '[1]'",
    ])
    func methodAndBodyForms(_ command: String) throws {
        let imported = try CurlImport.parse(command)
        #expect(imported.method == "POST")
        #expect(imported.url.absoluteString == "https://h.io/api/track")
        #expect(imported.bodyText == "[1]")
        #expect(imported.body == .array([.int(1)]))
    }

    @Test func explicitMethodWinsAndGetIsTheDefault() throws {
        #expect(try CurlImport.parse("curl -XPUT https://h.io/api/track -d '[]'").method == "PUT")
        #expect(try CurlImport.parse("curl https://h.io/api/track").method == "GET")
    }

    @Test func headersInBothSpellings() throws {
        let imported = try CurlImport.parse(#"curl https://h.io/api/identify -H 'x-api-key: k1' --header "Content-Type: application/json" -H "X-Extra:  spaced  ""#)
        #expect(imported.headers == [Header("x-api-key", "k1"), Header("Content-Type", "application/json"), Header("X-Extra", "spaced")])
        #expect(imported.endpoint == .identify)
        #expect(imported.authStyle == .apiKey)
        #expect(imported.apiKey == "k1")
    }

    @Test func severalDataOptionsJoinWithAmpersand() throws {
        #expect(try CurlImport.parse("curl h.io/api/track -d a=1 --data b=2").bodyText == "a=1&b=2")
    }

    @Test func singleAndDoubleQuotes() throws {
        let command = #"curl "https://h.io/api/track" -d "[{\"event_name\":\"it's \$5\",\"user_id\":\"u\"}]" -H 'x-api-key: "q"'"#
        let imported = try CurlImport.parse(command)
        #expect(imported.body == .array([.object(["event_name": .string("it's $5"), "user_id": .string("u")])]))
        #expect(imported.header("x-api-key") == "\"q\"")
        let mixed = try CurlImport.parse(#"curl h.io/api/track -d '[{"a":"'"it's"'"}]'"#)
        #expect(mixed.body == .array([.object(["a": .string("it's")])]))
    }

    @Test func backslashNewlineContinuations() throws {
        let command = "curl --location 'https://h.io/api/track' \\\n  --header 'x-api-key: k' \\\r\n  --data '[{\"a\":\n  1}]'\n"
        let imported = try CurlImport.parse(command)
        #expect(imported.header("x-api-key") == "k")
        #expect(imported.body == .array([.object(["a": .int(1)])]))
        #expect(imported.warnings.isEmpty)
    }

    @Test func ansiCQuotedStrings() throws {
        let imported = try CurlImport.parse(#"curl h.io/api/track --data $'[\n{"name":"it\'s","tab":"a\\tb","e":"\xc3\xa9\u00e9"}]'"#)
        #expect(imported.bodyText == "[\n{\"name\":\"it's\",\"tab\":\"a\\tb\",\"e\":\"éé\"}]")
        #expect(imported.body == .array([.object(["name": .string("it's"), "tab": .string("a\tb"), "e": .string("éé")])]))
    }

    @Test func windowsCmdCaretContinuations() throws {
        let command = """
            curl "https://h.io/api/track" ^
              -H "x-api-key: k" ^
              --data-raw "[{\\"event_name\\":\\"signed_up\\",\\"user_id\\":\\"u\\"}]"
            """
        let imported = try CurlImport.parse(command)
        #expect(imported.url.absoluteString == "https://h.io/api/track")
        #expect(imported.apiKey == "k")
        #expect(imported.body == .array([.object(["event_name": .string("signed_up"), "user_id": .string("u")])]))
    }

    @Test func chromeCopyAsCurlCmd() throws {
        let command = #"curl ^"https://h.io/api/group^" ^"# + "\r\n" + #"  -H ^"x-api-key: k^" ^"# + "\r\n" +
            #"  --data-raw ^"^[^{^\^"group_id^\^":^\^"g^\^",^\^"user_id^\^":^\^"u^\^"^}^]^""#
        let imported = try CurlImport.parse(command)
        #expect(imported.endpoint == .group)
        #expect(imported.header("x-api-key") == "k")
        #expect(imported.body == .array([.object(["group_id": .string("g"), "user_id": .string("u")])]))
    }

    @Test func fileDataIsReadFromTheBaseDirectory() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("curl-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("[{\"a\":\n1}]\n".utf8).write(to: dir.appendingPathComponent("body.json"))
        #expect(try CurlImport.parse("curl h.io/api/track --data-binary @body.json", baseDirectory: dir).bodyText == "[{\"a\":\n1}]\n")
        #expect(try CurlImport.parse("curl h.io/api/track -d @body.json", baseDirectory: dir).bodyText == "[{\"a\":1}]")
    }

    // MARK: - Errors

    private func failure(_ command: String, baseDirectory: URL? = nil) -> CurlImportError? {
        do {
            let imported = try CurlImport.parse(command, baseDirectory: baseDirectory)
            Issue.record("imported \(imported.url) from \(command)")
            return nil
        } catch {
            return error
        }
    }

    @Test func noBody() throws {
        let imported = try CurlImport.parse("curl https://h.io/api/track -H 'x-api-key: k'")
        #expect(imported.bodyText == nil)
        let error = #expect(throws: CurlImportError.self) { try imported.requireBody() }
        #expect(error?.kind == .noBody)
        #expect(error?.message.contains("no body") == true)
    }

    @Test func unknownOptionIsNamed() {
        let long = failure("curl --frobnicate 3 https://h.io/api/track -d '[]'")
        #expect(long?.kind == .unknownOption)
        #expect(long?.message.contains("--frobnicate") == true)
        #expect(long?.column == 6)
        let short = failure("curl -sW https://h.io/api/track")
        #expect(short?.kind == .unknownOption)
        #expect(short?.message.contains("-W") == true)
    }

    @Test func unterminatedQuoteGivesLineAndColumn() {
        let error = failure("curl https://h.io/api/track \\\n  -H 'x-api-key: k' \\\n  --data '[{\"a\": 1}]\n")
        #expect(error?.kind == .unterminatedQuote)
        #expect(error?.line == 3)
        #expect(error?.column == 10)
        #expect(error?.message.contains("line 3, column 10") == true)
        let double = failure(#"curl h.io/api/track -d "[1]"#)
        #expect(double?.kind == .unterminatedQuote)
        #expect(double?.line == 1 && double?.column == 24)
        #expect(double?.message.contains("column 24") == true)
    }

    @Test func urlProblems() {
        let none = failure("curl -X POST -d '[]'")
        #expect(none?.kind == .noURL)
        #expect(failure("curl")?.kind == .noURL)
        #expect(failure("# example\ncurl\n")?.kind == .noURL)
        let two = failure("curl https://a.io/api/track https://b.io/api/track -d '[]'")
        #expect(two?.kind == .multipleURLs)
        #expect(two?.message.contains("https://b.io/api/track") == true)
        #expect(two?.column == 29)
        #expect(failure("curl ftp://h.io/api/track")?.kind == .invalidURL)
    }

    @Test func formsAreUnsupportedWithAHint() {
        let error = failure("curl https://h.io/api/track -F 'file=@events.json'")
        #expect(error?.kind == .unsupportedOption)
        #expect(error?.message.contains("-F/--form") == true)
        #expect(error?.message.contains("--data") == true, "the message says what to use instead")
        #expect(failure("curl -u me:pw https://h.io/api/track")?.kind == .unsupportedOption)
    }

    @Test func fileDataNeedsABaseDirectory() {
        let error = failure("curl https://h.io/api/track --data @events.json")
        #expect(error?.kind == .fileNotRead)
        #expect(error?.message.contains("@events.json") == true)
        let missing = failure("curl h.io/api/track -d @nope.json", baseDirectory: URL(fileURLWithPath: "/nonexistent-dir"))
        #expect(missing?.kind == .fileNotRead)
        #expect(failure("curl h.io/api/track --data-binary @-")?.kind == .fileNotRead)
    }

    @Test func notACurlCommand() {
        #expect(failure("wget https://h.io/api/track")?.kind == .notCurl)
        #expect(failure("")?.kind == .notCurl)
        #expect(failure("curl h.io/api/track -d")?.kind == .missingValue)
    }
}

@Suite("Curl import: hostile inputs")
struct CurlHostileInputTests {
    @Test(arguments: [
        "curl -G https://h.io/api/track -d 'a b={\"x\":[1]}'",
        "curl --get https://h.io/api/track --data-raw '[{\"event_name\":\"x y\"}]'",
        "curl https://h.io/api/track --url-query 'q=a b' --url-query '{' --url-query '[\"' -d '[]'",
        "curl https://h.io/api/track?x=1 --url-query '+%zz %41' -d '[]'",
    ])
    func queryCharactersAURLCannotHoldAreEncodedNotATrap(_ command: String) throws {
        let r = try CurlImport.parse(command)
        #expect(URL(string: r.url.absoluteString) != nil)
        #expect(!r.url.absoluteString.contains(" "))
    }

    @Test func urlQueryEncodesLikeDataURLEncode() throws {
        let r = try CurlImport.parse("curl 'https://h.io/api/track?k=1' --url-query 'q=a b&c' --url-query '+x=%41' -d '[]'")
        #expect(r.url.query(percentEncoded: true) == "k=1&q=a%20b%26c&x=%41")
    }

    @Test func anEmptyHeaderSurvivesExportAndImport() throws {
        let request = APIRequest(url: URL(string: "https://h.io/api/track")!, headers: [Header("X-Empty", ""), Header("X-Full", "v")],
                                 body: .array([]), endpoint: .track)
        let back = try CurlImport.parse(CurlExport.curl(request, revealSecrets: true))
        #expect(back.headers.contains(Header("X-Empty", "")))
        #expect(back.headers.contains(Header("X-Full", "v")))
    }

    @Test(.timeLimit(.minutes(1)))
    func oneLongLineImportsInLinearTime() throws {
        // 60,000 words on one line: the quadratic locator took minutes here; linear takes well under a second.
        let words = (0..<60_000).map { "-H 'X-\($0): v'" }.joined(separator: " ")
        let r = try CurlImport.parse("curl https://h.io/api/track " + words + " -d '[]'")
        #expect(r.headers.count >= 60_000)
    }
}
