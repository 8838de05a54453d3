import Foundation
import Testing
@testable import ThriveCore

@Suite("Hostile input: bounded recursion, exact keys, huge numbers")
struct HardeningTests {
    @Test func aPathLongerThanTheLimitIsRefusedNotRecursedInto() {
        var v = JSONValue.object(JSONObject())
        let deep = JSONPointer(Array(repeating: "a", count: 50_000))
        let refused = !v.set(.int(1), at: deep)
        #expect(refused, "refused, without a stack overflow")
        #expect(v == .object(JSONObject()))
        let ok = JSONPointer(Array(repeating: "a", count: JSONPointer.maxLength))
        let accepted = v.set(.int(1), at: ok)
        #expect(accepted)
        #expect(v[pointer: ok] == .int(1))
        // The deepest value the program can build still prints, compares and validates.
        #expect(v.pretty().count > JSONPointer.maxLength)
        #expect(v == v)
        _ = Validator(catalogue: .builtIn()).validate(body: .array([v]), endpoint: .track)
    }

    @Test func keysEqualOnlyAfterNormalisationAreTwoKeys() throws {
        let nfc = "caf\u{E9}", nfd = "cafe\u{301}"
        let text = #"{"\#(nfc)": 1, "\#(nfd)": 2}"#
        let v = try JSONParser.parse(text)
        #expect(v.objectValue?.count == 2, "no member dropped")
        #expect(v[nfc] == .int(1) && v[nfd] == .int(2))
        #expect(try JSONParser.parse(v.compact()) == v, "both keys are on the wire")
        #expect(Data(v.compact().utf8) == Data(#"{"\#(nfc)":1,"\#(nfd)":2}"#.utf8))
        var o = JSONObject()
        o[nfc] = .int(1)
        o[nfd] = .int(2)
        #expect(o.count == 2)
        #expect(JSONValue.object(["a": .string(nfc)]) != JSONValue.object(["b": .string(nfc)]))
        #expect(JSONObject([.init(nfc, .int(1))]) != JSONObject([.init(nfd, .int(1))]))
    }

    @Test func duplicateKeysWithTheSameBytesStillMerge() throws {
        #expect(try JSONParser.parse(#"{"a": 1, "a": 2}"#) == .object(["a": .int(2)]))
    }

    @Test func numbersTooLargeForADoubleGetAWord() throws {
        let body = try JSONParser.parse(#"[{"event_name":"x","user_id":"u","properties":{"n":1e999999}}]"#)
        let findings = Validator(catalogue: .builtIn()).validate(body: body, endpoint: .track)
        #expect(findings.contains { $0.path == JSONPointer(["0", "properties", "n"]) && $0.message.contains("too large for a number") })
        if case .failure(let e) = FieldValueParser.parse("1e999999", as: .number) { #expect(e.message.contains("too large")) } else { Issue.record("accepted") }
        if case .failure(let e) = FieldValueParser.parse("1e999999", as: nil) { #expect(e.message.contains("too large")) } else { Issue.record("accepted") }
    }

    @Test func echoedInputIsShort() {
        let long = String(repeating: "x", count: 100_000)
        #expect(TextPreview.short(long).count == 80)
        #expect(TextPreview.short(long).hasSuffix("…"))
        if case .failure(let e) = FieldValueParser.parse(long, as: .number) { #expect(e.message.count < 120) } else { Issue.record("accepted") }
    }
}

@Suite("Batch rules")
struct BatchRuleTests {
    @Test func anEmptyBatchIsAnError() {
        let findings = Validator(catalogue: .builtIn()).validate(body: .array([]), endpoint: .track)
        #expect(findings.map(\.code) == [.emptyBatch])
        #expect(findings.first?.severity == .error)
    }

    @Test func batchLimitsAreErrors() {
        let v = Validator(catalogue: .builtIn())
        #expect(v.batchFindings(eventCount: 1_001, byteCount: 10).map(\.code) == [.batchTooManyEvents])
        #expect(v.batchFindings(eventCount: 1, byteCount: Validator.maxBatchBytes + 1).map(\.code) == [.batchTooLarge])
        #expect(v.batchFindings(eventCount: 1_000, byteCount: Validator.maxBatchBytes).isEmpty)
    }
}

/// Inputs the fuzz targets found (Tests/FuzzCorpus/crashes), kept as regression tests.
@Suite("Fuzz finds")
struct FuzzFindTests {
    @Test func aKeyStartingWithACombiningMarkSurvivesAPointerRoundTrip() {
        let p = JSONPointer(["\u{652}mg", "x"])
        #expect(JSONPointer(parsing: p.description) == p)
        #expect(JSONPointer(dotted: "a.\u{301}b").tokens == ["a", "\u{301}b"])
    }

    @Test func aMethodThatIsNotAnHTTPTokenIsRefused() {
        for bad in ["PO ST", "GET;RM", "A\nB", "\"X\""] {
            #expect(throws: CurlImportError.self) { try CurlImport.parse("curl -X \(CurlExport.quote(bad)) https://h.io/api/track -d '[]'") }
        }
    }

    @Test func aKeyWithASlashAndACombiningMarkEscapes() {
        let p = JSONPointer(["/\u{652}]mg:", "a~b"])
        #expect(p.description == "/~1\u{652}]mg:/a~0b")
        #expect(JSONPointer(parsing: p.description).tokens.elementsEqual(p.tokens) { $0.unicodeScalars.elementsEqual($1.unicodeScalars) })
    }

    @Test(arguments: ["#", "X'Y", "M-SEARCH", "X`"])
    func anImportedMethodIsQuotedOnExport(_ method: String) throws {
        let request = APIRequest(method: method, url: URL(string: "https://h.io/api/track")!, headers: [], body: .array([]), endpoint: .track)
        let back = try CurlImport.parse(CurlExport.curl(request, revealSecrets: true))
        #expect(back.method == method)
    }
}

@Suite("Curl fuzz finds")
struct CurlFuzzFindTests {
    @Test func aQuotedValueEndingInABacktickIsNotAPowerShellContinuation() throws {
        // The quoted line break is part of the word: the command is bash, and the method is refused by name.
        #expect(throws: CurlImportError.self) { try CurlImport.parse("curl '-X`\n' h -d9") }
        let r = try CurlImport.parse("curl -H 'X-A: `' \\\n  https://h.io/api/track -d '[]'")
        #expect(r.headers.contains(Header("X-A", "`")))
    }

    @Test func aHeaderWithALineBreakIsRefused() {
        #expect(throws: CurlImportError.self) { try CurlImport.parse("curl https://h.io/api/track -H $'X-A: 1\\r\\nX-Injected: 2' -d '[]'") }
    }
}
