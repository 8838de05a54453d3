import Foundation
import Testing
import ThriveCore
@testable import ThriveReplay

@Suite struct PlanTests {
    static func event(_ n: Int, endpoint: Endpoint = .track, padding: Int = 0) -> ImportedEvent {
        var members: [JSONObject.Member] = [
            .init("event_name", .string("feature_used")), .init("user_id", .string("u_\(n)")),
            .init("timestamp", .string("2024-01-15T10:30:00Z")),
        ]
        if endpoint == .group { members.insert(.init("group_id", .string("g_\(n)")), at: 0) }
        if endpoint == .identify { members.removeFirst() }
        if padding > 0 { members.append(.init("properties", .object(["blob": .string(String(repeating: "x", count: padding))]))) }
        return ImportedEvent(number: n, event: .object(JSONObject(members)), endpoint: endpoint,
                             position: SourcePosition(file: "export.ndjson", line: n))
    }

    @Test func thousandEventsPerRequest() {
        let events = (1...2_500).map { Self.event($0) }
        let plan = ReplayPlan.make(events)
        #expect(plan.requests.map(\.eventNumbers.count) == [1_000, 1_000, 500])
        #expect(plan.requests.flatMap(\.eventNumbers) == Array(1...2_500))
        #expect(plan.requests.map(\.index) == [0, 1, 2])
        #expect(ReplayPlan.make(events, batchSize: 5_000).requests.count == 3)
        #expect(ReplayPlan.make(events, batchSize: 300).requests.count == 9)
    }

    @Test func twoMegabytesPerRequest() {
        // ~300 KB each: seven fit in 2 MB, the eighth would not.
        let events = (1...20).map { Self.event($0, padding: 300_000) }
        let plan = ReplayPlan.make(events)
        for r in plan.requests {
            let body = JSONValue.array(r.eventNumbers.map { events[$0 - 1].event })
            #expect(body.compactByteCount == r.byteCount)
            #expect(r.byteCount <= ReplayPlan.maxBytes)
        }
        #expect(plan.requests.map(\.eventNumbers.count) == [6, 6, 6, 2])
        #expect(plan.requests.flatMap(\.eventNumbers) == Array(1...20))
    }

    @Test func endpointChangesStartANewRequest() {
        let events = [Self.event(1), Self.event(2), Self.event(3, endpoint: .identify), Self.event(4), Self.event(5, endpoint: .group)]
        let plan = ReplayPlan.make(events)
        #expect(plan.requests.map(\.endpoint) == [.track, .identify, .track, .group])
        #expect(plan.requests.map(\.eventNumbers) == [[1, 2], [3], [4], [5]])
    }

    @Test func anEventOverTwoMegabytesIsInvalid() {
        let events = [Self.event(1), Self.event(2, padding: 2 * 1024 * 1024), Self.event(3)]
        let plan = ReplayPlan.make(events)
        #expect(plan.requests.map(\.eventNumbers) == [[1, 3]])
        #expect(plan.invalid[2]?.contains("2 MB") == true || plan.invalid[2]?.contains("2.00 MB") == true)
        #expect(plan.invalid.count == 1)
    }

    @Test func reportLineHasTheFixedKeysInOrder() throws {
        let r = ReplayEventResult(number: 13, position: SourcePosition(file: "export.ndjson", line: 13), status: .skippedDuplicate,
                                  reason: "already accepted")
        #expect(r.reportLine() == #"{"source":"export.ndjson:13","status":"skipped_duplicate","http_status":null,"reason":"already accepted"}"#)
        let rejected = ReplayEventResult(number: 2, position: SourcePosition(file: "a.json", line: 2), status: .rejected,
                                         httpStatus: 400, reason: "bad \"x\"")
        let parsed = try JSONParser.parse(rejected.reportLine())
        #expect(parsed.objectValue?.keys == ["source", "status", "http_status", "reason"])
        #expect(parsed["http_status"]?.numberValue?.intValue == 400)
        #expect(parsed["reason"]?.stringValue == "bad \"x\"")
    }

    @Test func resumeSummary() {
        let job = ReplayJob(id: UUID(), createdAt: Date(), target: "T", inputKey: "k", totalEvents: 1_000, requests: [
            ReplayJobRequest(index: 0, endpoint: .track, eventNumbers: Array(1...612), state: .accepted),
            ReplayJobRequest(index: 1, endpoint: .track, eventNumbers: Array(613...1_000), state: .sending),
        ])
        #expect(job.resumeSummary == "612 of 1,000 accepted; 388 to go")
    }
}
