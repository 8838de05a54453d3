import Foundation
import Testing
@testable import ThriveCore

/// The pure export writers and `--json` shapes: what scripts and HAR viewers read.
@Suite("History export")
struct HistoryExportTests {
    let key = "ts_live_abcdefgh12345678WXYZ"
    let base = Date(timeIntervalSince1970: 1_795_000_000)

    func entry(_ body: String, at offset: Double = 0, status: HistoryEntry.Status = .answered(status: 200)) throws -> HistoryEntry {
        let request = RequestBuilder(target: .custom(URL(string: "https://api.example.com/api")!), auth: .apiKey, apiKey: key)
            .build(endpoint: .track, body: try JSONParser.parse(body))
        var e = HistoryEntry(id: UUID(), sentAt: base.addingTimeInterval(offset), request: request, target: "CUSTOM api.example.com")
        e.status = status
        e.latency = 0.0123
        e.summary = status == .answered(status: 200) ? "200 OK in 12 ms" : "connection refused by api.example.com:443"
        if case .answered = status {
            e.responseHeaders = [Header("content-type", "application/json; charset=utf-8")]
            e.responseBody = "{\n  \"success\": true,\n  \"eventId\": \"evt_1\"\n}"
        }
        return e
    }

    func export(_ entries: [HistoryEntry], _ format: HistoryExportFormat,
                headers: @escaping (HistoryEntry) -> [Header] = { $0.requestHeaders }) throws -> (String, HistoryExportWriter) {
        var out = ""
        var w = HistoryExportWriter(format: format, creator: ("thrive-inspector", "9.9"), requestHeaders: headers)
        try w.begin(into: &out)
        for e in entries { try w.add(e, into: &out) }
        try w.end(into: &out)
        return (out, w)
    }

    @Test func ndjsonIsOneCompactLinePerEventInOrder() throws {
        let a = try entry(#"[{"event_name":"signed_up","user_id":"u1","properties":{"n":1.50}},{"event_name":"signed_in","user_id":"u1"}]"#)
        let b = try entry(#"[{"user_id":"u2","traits":{"plan":"pro"}}]"#, at: 1)
        let (text, w) = try export([a, b], .ndjson)
        #expect(text == #"{"event_name":"signed_up","user_id":"u1","properties":{"n":1.50}}"# + "\n"
                + #"{"event_name":"signed_in","user_id":"u1"}"# + "\n" + #"{"user_id":"u2","traits":{"plan":"pro"}}"# + "\n")
        #expect(w.entryCount == 2 && w.eventCount == 3)
    }

    @Test func harHasTheShapeOfHAR12() throws {
        var ok = try entry(#"[{"event_name":"signed_up","user_id":"u1"}]"#)
        ok.url = "https://api.example.com/api/track?debug=1"
        let (text, w) = try export([ok], .har)
        #expect(w.entryCount == 1)
        let log = try #require(try JSONParser.parse(text)["log"])
        #expect(log["version"] == .string("1.2"))
        #expect(log["creator"] == .object(["name": .string("thrive-inspector"), "version": .string("9.9")]))
        let e = try #require(log["entries"]?.arrayValue?.first)
        #expect(e["startedDateTime"] == .string(Timestamp.format(base)))
        #expect(e["time"] == .number(JSONNumber(12.3)))
        #expect(e["cache"] == .object(JSONObject()))
        #expect(e["timings"] == .object(["send": .int(0), "wait": .number(JSONNumber(12.3)), "receive": .int(0)]))
        let req = try #require(e["request"])
        #expect(req["method"] == .string("POST"))
        #expect(req["url"] == .string("https://api.example.com/api/track?debug=1"))
        #expect(req["httpVersion"] == .string("HTTP/1.1"))
        #expect(req["headersSize"] == .int(-1))
        let body = #"[{"event_name":"signed_up","user_id":"u1"}]"#
        #expect(req["postData"] == .object(["mimeType": .string("application/json"), "text": .string(body)]))
        #expect(req["bodySize"] == .int(body.utf8.count))
        #expect(req["queryString"] == .array([.object(["name": .string("debug"), "value": .string("1")])]))
        let headers = try #require(req["headers"]?.arrayValue)
        #expect(headers.contains { $0["name"] == .string("x-api-key") && $0["value"] == .string(SecretMask.mask(key)) })
        #expect(!text.contains(key))
        let res = try #require(e["response"])
        #expect(res["status"] == .int(200))
        #expect(res["statusText"] == .string("OK"))
        #expect(res["httpVersion"] == .string("HTTP/1.1"))
        #expect(res["redirectURL"] == .string(""))
        #expect(res["headersSize"] == .int(-1))
        #expect(res["content"]?["mimeType"] == .string("application/json"))
        #expect(res["content"]?["text"]?.stringValue?.contains("evt_1") == true)
        #expect(res["content"]?["size"] == res["bodySize"])
    }

    @Test func aFailedSendHasStatusZeroLikeBrowsersWriteIt() throws {
        let failed = try entry("[]", status: .failed(kind: "refused", message: "connection refused by api.example.com:443"))
        let (text, _) = try export([try entry("[]"), failed], .har)
        let entries = try #require(try JSONParser.parse(text)["log"]?["entries"]?.arrayValue)
        #expect(entries.count == 2)
        let res = try #require(entries.last?["response"])
        #expect(res["status"] == .int(0))
        #expect(res["statusText"] == .string(""))
        #expect(res["_error"] == .string("connection refused by api.example.com:443"))
    }

    @Test func anEmptyHARIsStillValid() throws {
        let (text, _) = try export([], .har)
        #expect(try JSONParser.parse(text)["log"]?["entries"] == .array([]))
    }

    @Test func curlIsOneCommentedCommandPerSendWithTheKeyMasked() throws {
        let (text, _) = try export([try entry("[]"), try entry("[]", at: 2)], .curl)
        #expect(text.components(separatedBy: "\ncurl --location 'https://api.example.com/api/track'").count == 3)
        #expect(text.hasPrefix("# " + Timestamp.format(base)))
        #expect(text.contains("--header 'x-api-key: \(SecretMask.mask(key))'"))
        #expect(!text.contains(key))
    }

    @Test func theKeyComesBackOnlyWhereItsMaskMatches() throws {
        let e = try entry("[]")
        let right = e.requestHeaders(revealing: key)
        #expect(right.headers.contains(Header("x-api-key", key)) && !right.stillMasked)
        let wrong = e.requestHeaders(revealing: "another-key-000000000000")
        #expect(wrong.headers == e.requestHeaders && wrong.stillMasked)
        let (text, _) = try export([e], .curl) { $0.requestHeaders(revealing: key).headers }
        #expect(text.contains("--header 'x-api-key: \(key)'"))
    }

    @Test func aNewlineInASummaryCannotBreakTheScript() throws {
        var e = try entry("[]")
        e.summary = "line one\nrm -rf /"
        let (text, _) = try export([e], .curl)
        #expect(!text.contains("\nrm -rf"))
    }

    @Test func theJSONShapesHaveTheContractKeysInOrder() throws {
        let e = try entry(#"[{"event_name":"signed_up","user_id":"u1"},{"event_name":"signed_in","user_id":"u1"}]"#)
        let row = HistoryJSON.summary(e)
        #expect(row.keys == ["id", "sent_at", "target", "endpoint", "status", "outcome", "events", "event_names", "latency_ms", "summary"])
        #expect(row["event_names"] == .array([.string("signed_up"), .string("signed_in")]))
        #expect(row["sent_at"] == .string(Timestamp.format(base)))
        let detail = try #require(HistoryJSON.detail(e).objectValue)
        #expect(detail.keys == HistoryJSON.summaryKeys + HistoryJSON.detailKeys)
        #expect(detail["response_body"]?["eventId"] == .string("evt_1"))
        let failed = HistoryJSON.summary(try entry("[]", status: .interrupted))
        #expect(failed["status"] == .null && failed["outcome"] == .string("interrupted"))
        #expect(HistoryJSON.responseBody("<html>") == .string("<html>"))
    }
}
