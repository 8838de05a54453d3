import Foundation
import Testing
@testable import ThriveCore

@Suite("JSON diff by path")
struct JSONDiffTests {
    func diff(_ a: String, _ b: String, limit: Int = 10_000) throws -> [String] {
        try JSONDiff.diff(JSONParser.parse(a), JSONParser.parse(b), limit: limit).map(Self.describe)
    }

    static func describe(_ c: JSONDiff.Change) -> String {
        switch c {
        case .added(let p, let v): return "+ \(p): \(v.compact())"
        case .removed(let p, let v): return "- \(p): \(v.compact())"
        case .changed(let p, let old, let new): return "\(p): \(old.compact()) → \(new.compact())"
        }
    }

    @Test func changedNestedValue() throws {
        #expect(try diff(#"{"properties":{"plan":"pro","seats":3}}"#, #"{"properties":{"plan":"team","seats":3}}"#)
            == [#"properties.plan: "pro" → "team""#])
    }

    @Test func addedAndRemovedKeys() throws {
        let changes = try diff(#"{"context":{"ip":"1.2.3.4"},"properties":{}}"#, #"{"context":{},"properties":{"seats":5}}"#)
        #expect(changes == [#"- context.ip: "1.2.3.4""#, "+ properties.seats: 5"])
    }

    @Test func arraysCompareByIndexAndShowADifferentLength() throws {
        let a = #"[{"user_id":"u1"},{"user_id":"u2"}]"#
        let b = #"[{"user_id":"u1"},{"user_id":"u9"},{"user_id":"u3"},{"user_id":"u4"}]"#
        #expect(try diff(a, b) == [#"[1].user_id: "u2" → "u9""#, #"+ [2]: {"user_id":"u3"}"#, #"+ [3]: {"user_id":"u4"}"#])
        #expect(try diff(b, a).suffix(2) == [#"- [2]: {"user_id":"u3"}"#, #"- [3]: {"user_id":"u4"}"#])
    }

    @Test func keyOrderAloneIsNoChange() throws {
        #expect(try diff(#"{"a":1,"b":{"x":true,"y":null}}"#, #"{"b":{"y":null,"x":true},"a":1}"#).isEmpty)
    }

    /// Decision: numbers compare by decimal value, so `1.0` and `1` are the same (the API reads the value);
    /// exactly, so two long integers that one `Double` would hold stay different.
    @Test func numbersCompareByExactDecimalValue() throws {
        #expect(try diff("[1.0, 1.50, 100, -0, 0.0]", "[1, 15e-1, 1E2, 0, 0]").isEmpty)
        #expect(try diff("[12345678901234567890]", "[12345678901234567891]") == ["[0]: 12345678901234567890 → 12345678901234567891"])
        #expect(try diff("[1]", "[-1]") == ["[0]: 1 → -1"])
        #expect(try diff("[1e400]", "[1e401]").count == 1)
    }

    @Test func typeChangesAndRootValues() throws {
        #expect(try diff(#"{"n":1}"#, #"{"n":"1"}"#) == [#"n: 1 → "1""#])
        // The whole document has the empty path.
        #expect(try diff("1", "2") == [": 1 → 2"])
        #expect(try diff("null", "null").isEmpty)
    }

    @Test func oddKeysAreQuotedInPaths() throws {
        #expect(try diff(#"{"a.b":1,"":2}"#, #"{"a.b":2,"":3}"#) == [#"["a.b"]: 1 → 2"#, #"[""]: 2 → 3"#])
        let p = try #require(JSONDiff.diff(JSONParser.parse(#"{"x":[{"y":1}]}"#), JSONParser.parse(#"{"x":[{"y":2}]}"#)).first?.path)
        #expect(p.pointer == JSONPointer(["x", "0", "y"]))
    }

    @Test func outputIsBoundedAndCountsTheRest() throws {
        let a = JSONValue.array((0..<50).map { .int($0) }), b = JSONValue.array((0..<50).map { .int($0 + 1) })
        let report = JSONDiff.report(a, b, limit: 10)
        #expect(report.changes.count == 10 && report.omitted == 40)
        #expect(JSONDiff.diff(a, b, limit: 10).count == 10)
    }

    @Test func depthIsBounded() {
        // Built in code, deeper than the parser allows: the walk stops at the bound and reports the subtree.
        func nested(_ depth: Int, leaf: JSONValue) -> JSONValue {
            var v = leaf
            for _ in 0..<depth { v = .array([v]) }
            return v
        }
        let changes = JSONDiff.diff(nested(2_000, leaf: .int(1)), nested(2_000, leaf: .int(2)))
        #expect(changes.count == 1)
        #expect(changes.first?.path.steps.count == JSONDiff.maxDepth)
        #expect(JSONDiff.diff(nested(2_000, leaf: .int(1)), nested(2_000, leaf: .int(1))).isEmpty)
    }
}
