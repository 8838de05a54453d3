import Foundation
import Testing
@testable import ThriveCore

@Suite("Validation")
struct ValidationTests {
    let validator = Validator(catalogue: .builtIn())
    let now = Date(timeIntervalSince1970: 1_790_000_000) // 2026-09-21

    @Test func catalogueHasEveryEvent() {
        let names = TemplateCatalogue.builtIn().templates.map(\.name)
        #expect(names == ["signed_up", "signed_in", "signed_out", "account_created", "account_added_user", "account_removed_user",
                          "account_deleted", "invite_sent", "feature_used", "page_visit", "user_enriched", "trial_started",
                          "trial_ended", "identify", "group"])
        #expect(TemplateCatalogue.builtIn().loadProblems.isEmpty)
    }

    @Test("every built-in template makes a draft that validates clean", arguments: TemplateCatalogue.builtIn().templates)
    func draftsValidateClean(_ template: EventTemplate) {
        let body = DraftFactory().makeBody(template)
        let findings = validator.validate(body: body, endpoint: template.endpoint)
        #expect(findings.isEmpty, "\(template.name): \(findings)")
    }

    @Test func draftsUseFreshIdsAndNow() throws {
        let t = try #require(TemplateCatalogue.builtIn().template(named: "group"))
        let body = DraftFactory(now: { Date(timeIntervalSince1970: 0) }, uuid: { "11111111-2222-3333-4444-555555555555" }).makeEvent(t)
        #expect(body["group_id"] == .string("11111111-2222-3333-4444-555555555555"))
        #expect(body[pointer: JSONPointer(dotted: "context.group_id")] == body["group_id"])
        #expect(body["timestamp"] == .string("1970-01-01T00:00:00.000Z"))
        #expect(body.objectValue?.keys == ["group_id", "user_id", "traits", "context", "timestamp"])
    }

    /// Each seed sample, and exactly the findings it must produce.
    @Test func seedSamplesGiveExactlyTheirRealProblems() throws {
        func codes(_ body: JSONValue, _ endpoint: Endpoint) -> [String] {
            validator.validate(body: body, endpoint: endpoint, now: now).map { "\($0.severity.rawValue) \($0.code.rawValue) \($0.path)" }
        }
        let s000 = try SeedFixtures.jsonSamples("000")
        let s001 = try SeedFixtures.jsonSamples("001")
        let s002 = try SeedFixtures.jsonSamples("002")
        let s003 = try SeedFixtures.jsonSamples("003")
        #expect(s000.count == 1 && s001.count == 1 && s002.count == 2 && s003.count == 2)
        #expect(codes(s000[0], .track) == [])
        #expect(codes(s001[0], .track) == [])
        for sample in s002 { #expect(codes(sample, .track) == ["error event_instead_of_event_name /0/event"]) }
        #expect(codes(s003[0], .track) == ["error event_instead_of_event_name /0/event", "error malformed_timestamp /0/timestamp"])
        #expect(codes(s003[1], .track) == ["error event_instead_of_event_name /0/event", "error malformed_timestamp /0/timestamp"])
        let group = try JSONParser.parse(String(try SeedFixtures.text("004").components(separatedBy: "--data '")[1].components(separatedBy: "]'")[0]) + "]")
        #expect(codes(group, .group) == [])
    }

    @Test func messagesASupportPersonUnderstands() throws {
        let s003 = try SeedFixtures.jsonSamples("003")[1]
        let findings = validator.validate(body: s003, endpoint: .track, now: now)
        #expect(findings[0].message == "uses \"event\" for the event name; the API expects \"event_name\"")
        #expect(findings[0].fix == .renameKey(at: JSONPointer(["0", "event"]), to: "event_name"))
        #expect(findings[1].message.contains("the year must have four digits"))
        var body = RequestBuilder.normalizedBody(s003)
        findings[0].fix!.apply(to: &body)
        #expect(body[pointer: JSONPointer(["0", "event_name"])] == .string("signed_up"))
        #expect(body.arrayValue?[0].objectValue?.keys.first == "event_name")
    }

    @Test func typedFindings() throws {
        let body = try JSONParser.parse("""
        [{"event_name":"feature_used","user_id":42,"properties":{"feature_name":"x_y","feature_type":"Core","surprise":1},
          "timestamp":"2099-01-01T00:00:00Z","colour":"red"},
         {"event_name":"page_visit","user_id":"u","properties":{"page_url":"https://a","page_path":"/","revenue":"lots"},"timestamp":"2024-01-01T00:00:00"},
         "nope",
         {"group_id":"g"}]
        """)
        let f = validator.validate(body: body, endpoint: .track, now: now).map { "\($0.severity.rawValue) \($0.code.rawValue) \($0.path)" }
        #expect(f.contains("error wrong_type /0/user_id"))
        #expect(f.contains("warning not_in_enum /0/properties/feature_type"))
        #expect(f.contains("warning unplanned_property /0/properties/surprise"))
        #expect(f.contains("warning future_timestamp /0/timestamp"))
        #expect(f.contains("warning unplanned_property /0/colour"))
        #expect(f.contains("error wrong_type /1/properties/revenue"))
        #expect(f.contains("warning zoneless_timestamp /1/timestamp"))
        #expect(f.contains("error not_an_object /2"))
        #expect(f.contains("error missing_required /3/event_name"))
        #expect(f.contains("error missing_required /3/user_id"))
    }

    @Test func groupIdMismatchOffersTheFix() throws {
        let body = try JSONParser.parse(#"[{"group_id":"a","user_id":"u","context":{"group_id":"b"}}]"#)
        let f = validator.validate(body: body, endpoint: .group, now: now)
        #expect(f.map(\.code) == [.groupIdMismatch])
        #expect(f[0].fix == .setValue(at: JSONPointer(["0", "context", "group_id"]), value: .string("a")))
    }

    @Test func limits() {
        let event = JSONValue.object(["event_name": .string("x"), "user_id": .string("u"),
                                      "properties": .object(["blob": .string(String(repeating: "a", count: 40_000))])])
        #expect(validator.validate(body: .array([event]), endpoint: .track, now: now).map(\.code) == [.eventTooLarge])
        let many = JSONValue.array(Array(repeating: .object(["event_name": .string("x"), "user_id": .string("u")]), count: 1_001))
        #expect(validator.validate(body: many, endpoint: .track, now: now).map(\.code) == [.batchTooManyEvents])
        let big = JSONValue.array(Array(repeating: event, count: 60))
        #expect(validator.validate(body: big, endpoint: .track, now: now).first?.code == .batchTooLarge)
        #expect(validator.validate(body: .string("hi"), endpoint: .track, now: now).map(\.code) == [.invalidBody])
    }

    @Test("timestamps", arguments: [
        ("2024-01-15T10:30:00Z", true), ("2023-12-14T16:07:33.571125Z", true), ("2024-01-15T10:30:00+05:30", true),
        ("20-11-23T22:28:55.111Z", false), ("2024-13-01T00:00:00Z", false), ("2024-02-30T00:00:00Z", false),
        ("2024-01-15", false), ("yesterday", false), ("2024-01-15T25:00:00Z", false),
    ])
    func timestamps(_ text: String, _ ok: Bool) {
        if case .valid = Timestamp.read(text) { #expect(ok, "\(text)") } else { #expect(!ok, "\(text)") }
    }

    /// `format` and `formatDate` pad by hand; they must write what `String(format: "%04d…")` wrote, sign and
    /// five-digit years included.
    @Test func timestampFormattingMatchesPrintf() {
        for seconds in stride(from: -70_000_000_000.0, through: 300_000_000_000.0, by: 123_456_789.123) {
            let date = Date(timeIntervalSince1970: seconds), t = date.timeIntervalSince1970
            let ms = Int((t * 1000).rounded(.down)), secs = ms >= 0 ? ms / 1000 : (ms - 999) / 1000
            let c = Timestamp.civil(from: secs)
            #expect(Timestamp.format(date) == String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", c.y, c.m, c.d, c.hh, c.mm, c.ss, ms - secs * 1000))
            let d = Timestamp.civil(from: Int(t.rounded(.down)))
            #expect(Timestamp.formatDate(date) == String(format: "%04d-%02d-%02d", d.y, d.m, d.d))
        }
        for (n, width) in [(0, 4), (7, 2), (-5, 4), (-12345, 4), (12345, 4), (999, 3), (-1, 2)] {
            #expect(Timestamp.digits(n, width) == String(format: "%0\(width)d", n))
        }
    }

    @Test func timestampFormatting() {
        #expect(Timestamp.format(Date(timeIntervalSince1970: 1_705_314_600.25)) == "2024-01-15T10:30:00.250Z")
        #expect(Timestamp.read("2024-01-15T10:30:00.250Z") == .valid(Date(timeIntervalSince1970: 1_705_314_600.25), hasZone: true))
        #expect(Timestamp.formatDate(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29")
    }

    @Test func userTemplatesOverrideAndBrokenOnesAreReported() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tpl-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try #"{"name":"signed_up","endpoint":"track","summary":"ours","fields":[{"path":"properties.plan","type":"string","required":"plan"}]}"#
            .write(to: dir.appendingPathComponent("a.json"), atomically: true, encoding: .utf8)
        try #"{"name":"order_placed","endpoint":"track","fields":[{"path":"properties.total","type":"number"}]}"#
            .write(to: dir.appendingPathComponent("b.json"), atomically: true, encoding: .utf8)
        try #"{"name":"broken","endpoint":"track","fields":[{"path":"x","type":"colour"}]}"#
            .write(to: dir.appendingPathComponent("c.json"), atomically: true, encoding: .utf8)
        try "{ not json".write(to: dir.appendingPathComponent("d.json"), atomically: true, encoding: .utf8)
        let c = TemplateCatalogue.load(userDirectory: dir)
        #expect(c.template(named: "signed_up")?.summary == "ours")
        #expect(c.template(named: "signed_up")?.field(at: JSONPointer(dotted: "user_id")) != nil)
        #expect(c.template(named: "order_placed")?.eventName == "order_placed")
        #expect(c.loadProblems.count == 2)
        #expect(c.loadProblems.contains { $0.contains("c.json") && $0.contains("unknown type \"colour\"") })
        #expect(c.loadProblems.contains { $0.contains("d.json") && $0.contains("line 1") })
    }
}
