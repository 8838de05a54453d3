import Foundation
import Testing
@testable import ThriveCore

@Suite("Ordered JSON")
struct JSONTests {
    @Test("keeps key order through parse and print", arguments: [
        #"{"z":1,"a":2,"m":{"y":true,"b":null}}"#,
        #"[{"event_name":"signed_up","user_id":"u1","properties":{"b":1,"a":2}}]"#,
    ])
    func keyOrder(_ text: String) throws {
        let v = try JSONParser.parse(text)
        #expect(v.compact() == text)
    }

    @Test("numbers print exactly as written", arguments: ["1.50", "-0", "0.1", "1e400", "12345678901234567890", "2.5E-3", "-17", "1.0000000000000001"])
    func numbers(_ literal: String) throws {
        let v = try JSONParser.parse("[\(literal)]")
        #expect(v.compact() == "[\(literal)]")
        #expect(v.pretty().contains(literal))
    }

    @Test func integersStayIntegers() throws {
        let v = try JSONParser.parse("[3, 3.0]")
        #expect(v.arrayValue?[0].numberValue?.isInteger == true)
        #expect(v.arrayValue?[1].numberValue?.isInteger == false)
        #expect(JSONValue.double(42).compact() == "42")
        #expect(JSONValue.double(1.5).compact() == "1.5")
    }

    @Test("strings, escapes and unicode round trip")
    func strings() throws {
        let original = "quote \" backslash \\ newline \n tab \t bell \u{07} é 日本 🎉 \u{2028}"
        let printed = JSONValue.string(original).compact()
        #expect(try JSONParser.parse(printed) == .string(original))
        #expect(try JSONParser.parse(#""\u00e9\ud83c\udf89\/""#) == .string("é🎉/"))
        #expect(printed.contains("日本 🎉"))
        #expect(printed.contains("\\u0007"))
    }

    @Test("pretty printing matches the docs' layout")
    func pretty() throws {
        let v = try JSONParser.parse(#"[{"a":1,"b":[],"c":{},"d":[true,null]}]"#)
        #expect(v.pretty() == """
        [
          {
            "a": 1,
            "b": [],
            "c": {},
            "d": [
              true,
              null
            ]
          }
        ]
        """)
        #expect(try JSONParser.parse(v.pretty()) == v)
        let tokens = v.prettyLines().flatMap { $0 }
        #expect(tokens.contains(JSONToken(.key, "\"a\"")))
        #expect(tokens.contains(JSONToken(.number, "1")))
    }

    @Test("parse errors name line and column", arguments: [
        ("[\n  {\"a\": 1,}\n]", 2, 11, "trailing comma"),
        ("{\"a\": tru}", 1, 7, "true"),
        ("[1, 2", 1, 6, "end of text"),
        ("{\"é\": \"x\" \"b\": 1}", 1, 11, "expected ','"),
        ("", 1, 1, "empty"),
        ("{'a': 1}", 1, 2, "double quotes"),
        ("[01]", 1, 3, "leading zeros"),
        ("\"abc", 1, 1, "unterminated"),
        ("[1] x", 1, 5, "after the end"),
        ("{\"a\": \"x\ny\"}", 1, 9, "line break"),
    ])
    func errors(_ text: String, _ line: Int, _ column: Int, _ fragment: String) {
        do {
            _ = try JSONParser.parse(text)
            Issue.record("expected a parse error for \(text)")
        } catch {
            #expect(error.line == line)
            #expect(error.column == column)
            #expect(error.message.contains(fragment), "\(error.message)")
        }
    }

    @Test func deepNestingIsRefusedNotCrashing() {
        let text = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
    }

    @Test func ndjsonSequences() throws {
        let values = try JSONParser.parseSequence("{\"a\":1}\n{\"a\":2}\n\n[3]\n")
        #expect(values.count == 3)
        do {
            _ = try JSONParser.parseSequence("{\"a\":1}\n{\"a\":}\n")
            Issue.record("expected an error")
        } catch { #expect(error.line == 2) }
    }

    @Test func pointersGetAndSet() throws {
        var v = try JSONParser.parse(#"[{"user_id":"u","properties":{"a/b":1}}]"#)
        #expect(v[pointer: JSONPointer(parsing: "/0/properties/a~1b")] == .int(1))
        v.set(.string("x"), at: JSONPointer(dotted: "0.context.group_id"))
        #expect(v.compact() == #"[{"user_id":"u","properties":{"a/b":1},"context":{"group_id":"x"}}]"#)
        v.set(nil, at: JSONPointer(dotted: "0.properties"))
        #expect(v.compact() == #"[{"user_id":"u","context":{"group_id":"x"}}]"#)
        #expect(JSONPointer(["a/b", "c~d"]).description == "/a~1b/c~0d")
    }

    @Test func duplicateKeysKeepFirstPositionLastValue() throws {
        #expect(try JSONParser.parse(#"{"a":1,"b":2,"a":3}"#).compact() == #"{"a":3,"b":2}"#)
    }
}

@Suite("Compact size")
struct CompactSizeTests {
    @Test(arguments: [
        #"[]"#, #"{}"#, #"null"#, #"[true,false,null,-1.50e3]"#,
        #"{"a":"line\nbreak \"quoted\" back\\slash \u0001 tab\t","é":"ü€😀","n":{"m":[1,{"x":[]}]}}"#,
    ])
    func countingMatchesWriting(_ text: String) throws {
        let value = try JSONParser.parse(text)
        #expect(value.compactByteCount == value.compactData().count)
    }
}
