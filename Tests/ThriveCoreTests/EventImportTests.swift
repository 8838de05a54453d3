import Foundation
import Testing
@testable import ThriveCore

@Suite("Event import")
struct EventImportTests {
    static func event(_ name: String, _ user: String) -> String { #"{"event_name":"\#(name)","user_id":"\#(user)"}"# }

    @Test func aJSONArrayPositionsEachEventAtTheLineItStarts() {
        let text = "[\n  {\"event_name\": \"a\",\n   \"user_id\": \"u1\"},\n\n  {\"event_name\": \"b, [x]\", \"user_id\": \"u2\"}, {\"user_id\": \"u3\", \"traits\": {}}\n]\n"
        let set = EventImport.parse(text, name: "events.json")
        #expect(set.formats == [.json])
        #expect(set.problems.isEmpty)
        #expect(set.events.map(\.number) == [1, 2, 3])
        #expect(set.events.map(\.position.line) == [2, 5, 5])
        #expect(set.events.map(\.endpoint) == [.track, .track, .identify])
        #expect(set.events[0].position.description == "events.json:2")
    }

    @Test func aSingleObjectIsOneEventAtItsLine() {
        let set = EventImport.parse("\n\n  \(Self.event("a", "u"))\n", name: "one.json", firstNumber: 7)
        #expect(set.events.map(\.number) == [7])
        #expect(set.events.first?.position.line == 3)
    }

    @Test func ndjsonWithCRLFBlankAndBadLinesLoadsTheRest() {
        let lines = [Self.event("a", "u1"), "", "  ", #"{"event_name":"b","user_id":"u2",}"#, Self.event("c", "u3"),
                     "[\(Self.event("d", "u4")),\(Self.event("e", "u5"))]", "not json", Self.event("f", "u6")]
        let set = EventImport.parse(lines.joined(separator: "\r\n") + "\r\n", name: "export.ndjson")
        #expect(set.formats == [.ndjson])
        #expect(set.events.map { $0.event["event_name"]?.stringValue } == ["a", "c", "d", "e", "f"])
        #expect(set.events.map(\.position.line) == [1, 5, 6, 6, 8])
        #expect(set.events.map(\.number) == [1, 2, 3, 4, 5])
        #expect(set.problems.map(\.position.description) == ["export.ndjson:4", "export.ndjson:7"])
        #expect(set.problems[0].message.contains("column 34"), "\(set.problems[0].message)")
        #expect(set.problems[0].message.contains("trailing comma"))
        #expect(set.problems[0].description.hasPrefix("export.ndjson:4: column 34: "))
    }

    @Test func ndjsonWhoseFirstLineIsBrokenIsStillNDJSON() {
        let text = ["{\"event_name\": ", Self.event("b", "u2"), Self.event("c", "u3")].joined(separator: "\n")
        let set = EventImport.parse(text, name: "pasted text")
        #expect(set.formats == [.ndjson])
        #expect(set.events.count == 2)
        #expect(set.problems.map(\.position.line) == [1])
    }

    @Test func brokenPrettyJSONIsOneProblemAtTheErrorLine() {
        let set = EventImport.parse("[\n  {\"event_name\": \"a\",\n   \"user_id\": \"u", name: "bad.json")
        #expect(set.events.isEmpty)
        #expect(set.problems.count == 1)
        #expect(set.problems.first?.position.line == 3)
    }

    static let har = #"""
    {"log": {"version": "1.2", "entries": [
      {"request": {"method": "GET", "url": "https://app.example.com/", "headers": []}},
      {"request": {"method": "POST", "url": "https://api.app.thrivestack.ai/api/track?x=1",
                   "headers": [{"name": "x-api-key", "value": "har-key-0123456789abcdef"}],
                   "postData": {"mimeType": "application/json", "text": "[{\"event_name\":\"signed_in\",\"user_id\":\"u1\"},{\"event_name\":\"signed_out\",\"user_id\":\"u1\"}]"}}},
      {"request": {"method": "POST", "url": "https://api.app.thrivestack.ai/api/group",
                   "headers": [{"name": "Authorization", "value": "Bearer har-bearer-token-xyz"}],
                   "postData": {"text": "[{\"group_id\": \"g1\", \"user_id\": \"u1\",]"}}},
      {"request": {"method": "POST", "url": "https://other.example.com/collect", "postData": {"text": "{}"}}},
      {"request": {"method": "POST", "url": "https://api.app.thrivestack.ai/api/identify",
                   "postData": {"text": "{\"user_id\": \"u1\", \"traits\": {\"plan\": \"pro\"}}"}}},
      42
    ]}}
    """#

    @Test func harTakesThePOSTsToTheAPIAndNamesBadEntries() {
        let set = EventImport.parse(Self.har, name: "session.har")
        #expect(set.formats == [.har])
        #expect(set.events.map(\.endpoint) == [.track, .track, .identify])
        #expect(set.events.map(\.position.description) == ["session.har#2", "session.har#2", "session.har#5"])
        #expect(set.events.map(\.number) == [1, 2, 3])
        #expect(set.skipped == 2)
        #expect(set.problems.map(\.position.description) == ["session.har#3", "session.har#6"])
        #expect(set.problems[0].message.contains("not valid JSON"))
        #expect(Set(set.foundKeys) == ["har-key-0123456789abcdef", "har-bearer-token-xyz"])
        expectNoKeyShown(set)
    }

    static let curlFile = """
    # ticket 4711: the customer's two calls
    $ curl --location 'https://api.app.thrivestack.ai/api/track' \\
      --header 'Authorization: Bearer curl-secret-token-1' \\
      --header 'Content-Type: application/json' \\
      --data '[{
        "event_name": "signed_up",
        "user_id": "u1"
      }]'

    curl -X POST https://api.app.thrivestack.ai/api/group \\
      -H "x-api-key: curl-secret-key-2" \\
      -d '{"group_id": "g1",
    "user_id": "u1"}'
    curl https://example.com/health -H 'x-api-key: curl-secret-key-3'
    """

    @Test func aCurlFileReadsEachCommandAtItsFirstLine() {
        let set = EventImport.parse(Self.curlFile, name: "ticket.txt")
        #expect(set.formats == [.curl])
        #expect(set.events.map(\.endpoint) == [.track, .group])
        #expect(set.events.map(\.position.line) == [2, 10])
        #expect(set.events[1].event["group_id"] == .string("g1"))
        #expect(set.problems.map(\.position.line) == [14])
        #expect(set.foundKeys.contains("curl-secret-token-1") && set.foundKeys.contains("curl-secret-key-2"))
        expectNoKeyShown(set, also: ["curl-secret-key-3"])
    }

    @Test func aBrokenCurlCommandNeverQuotesItsKey() {
        let set = EventImport.parse("curl https://api.app.thrivestack.ai/api/track -H $'x-api-key: leaky-key-999\\nX: y' -d '{}'\n", name: "t.txt")
        #expect(set.events.isEmpty)
        #expect(set.problems.count == 1)
        #expect(set.problems.first?.message.contains(SecretMask.redacted) == true, "the header is quoted, its key masked")
        expectNoKeyShown(set, also: ["leaky-key-999"])
    }

    func expectNoKeyShown(_ set: ImportedSet, also: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) {
        for key in set.foundKeys + also {
            for p in set.problems {
                #expect(!p.description.contains(key), "\(p)", sourceLocation: sourceLocation)
            }
            for e in set.events {
                #expect(!"\(e)".contains(key), sourceLocation: sourceLocation)
            }
        }
    }

    @Test func numbersRunAcrossFilesOfOneRead() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.ndjson").path, b = dir.appendingPathComponent("b.json").path
        try Data([Self.event("a", "1"), Self.event("b", "2")].joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: a))
        try Data("[\(Self.event("c", "3")),\n\(Self.event("d", "4"))]".utf8).write(to: URL(fileURLWithPath: b))
        let set = try EventImport.read(paths: [a, b])
        #expect(set.events.map(\.number) == [1, 2, 3, 4])
        #expect(set.events.map(\.position.description) == ["\(a):1", "\(a):2", "\(b):1", "\(b):2"])
        #expect(set.formats == [.ndjson, .json])
    }

    @Test func wholeFileProblemsThrowOneLineNamingTheFile() throws {
        #expect(throws: EventImportError("/nonexistent/x.ndjson: no such file")) { try EventImport.read(paths: ["/nonexistent/x.ndjson"]) }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("latin1-\(UUID().uuidString).json")
        try Data([0x7B, 0x22, 0xE9, 0x22, 0x7D]).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: EventImportError("\(url.path): is not UTF-8 text")) { try EventImport.read(path: url.path) }
    }

    @Test func fixtureFilesRead() throws {
        let base = try #require(Bundle.module.resourceURL?.appendingPathComponent("Fixtures/import"))
        let set = try EventImport.read(paths: ["export.ndjson", "session.har", "ticket.curl.txt"].map { base.appendingPathComponent($0).path })
        #expect(set.formats == [.ndjson, .har, .curl])
        #expect(set.events.count == 6)
        #expect(set.problems.count == 2)
    }

    @Test func aHugeSingleLineIsOneEvent() {
        let big = String(repeating: "x", count: 5_000_000)
        let set = EventImport.parse(#"{"event_name":"a","user_id":"u","properties":{"blob":"\#(big)"}}"#, name: "big.ndjson")
        #expect(set.events.count == 1)
        #expect(set.problems.isEmpty)
    }

    @Test func aWideFileStaysLinear() {
        let text = Array(repeating: Self.event("a", "u"), count: 20_000).joined(separator: "\n")
        let set = EventImport.parse(text, name: "many.ndjson")
        #expect(set.events.count == 20_000)
        #expect(set.events.last?.position.line == 20_000)
    }

    @Test(arguments: [
        "", " \n\r\n", "\u{FEFF}", "[", "]", "{", "[[[[[[[[", String(repeating: "[", count: 100_000), String(repeating: "{\"a\":", count: 50_000),
        "[1,2,", "\"unterminated", "curl", "curl\n", "cURL\n-X", "$ curl '", "curl \"a\\", "curl https://x/api/track -d '", "curl -H",
        "\\\n\\\n", "{\"log\": {\"entries\": [null, [], {\"request\": 1}, {\"request\": {\"method\": 1}}]}}", "{\"log\": {\"entries\": {}}}",
        "\r\r\r", "\n\n\n[\n", "\u{0}\u{1}", "PS >curl", "PS C:\\> curl https://h/api/identify --json '{\"user_id\":1}'",
    ])
    func hostileInputDoesNotCrash(_ text: String) {
        let set = EventImport.parse(text, name: "h")
        for p in set.problems { #expect(!p.message.isEmpty) }
        for e in set.events { #expect(e.number >= 1) }
    }
}

extension EventImportTests {
    /// Found by fuzzing: a header mangled across a line break is not recognised as a key header, so its
    /// problem message quoted the key that another command in the same paste carried.
    @Test func aKeyFoundAnywhereNeverAppearsInAProblem() {
        let text = """
        curl https://api.app.thrivestack.ai/api/track -H 'x-api-key: tsk_found_key_1234' -d '[{"event_name":"signed_up","user_id":"u1"}]'
        curl https://api.app.thrivestack.ai/api/track -H 'x
        -api-key: tsk_found_key_1234' -d '[{"event_name":"signed_up","user_id":"u2"}]'
        """
        let set = EventImport.parse(text, name: "pasted.txt")
        #expect(set.foundKeys.contains("tsk_found_key_1234"))
        #expect(!set.problems.isEmpty)
        for p in set.problems { #expect(!p.description.contains("tsk_found_key_1234"), "\(p)") }
    }
}
