import Foundation
import Testing
@testable import ThriveCore

/// The validator's fast path (plans with hints, checks that build nothing unless they fail) must give exactly
/// the findings of the straightforward walk it replaced, kept below as `reference`: same messages, paths,
/// severities, fixes and order, on the seed samples and on generated batches full of mistakes.
@Suite("Validator parity")
struct ValidatorParityTests {
    let validator = Validator(catalogue: .builtIn())
    let now = Date(timeIntervalSince1970: 1_790_000_000)

    @Test func seedSamplesMatchTheReference() throws {
        for prefix in ["000", "001", "002", "003"] {
            for sample in try SeedFixtures.jsonSamples(prefix) {
                for endpoint in Endpoint.allCases {
                    #expect(validator.validate(body: sample, endpoint: endpoint, now: now) == reference(sample, endpoint))
                }
            }
        }
    }

    @Test("generated batches match the reference", arguments: Endpoint.allCases)
    func generatedBatchesMatchTheReference(_ endpoint: Endpoint) {
        for seed in UInt64(1)...4 {
            let body = Mistakes.batch(endpoint: endpoint, seed: seed)
            let fast = validator.validate(body: body, endpoint: endpoint, now: now)
            #expect(fast.count > 20)
            #expect(fast == reference(body, endpoint), "seed \(seed)")
            // A single event is validated as the batch [event]; the public one-event entry point agrees too.
            for (k, event) in (body.arrayValue ?? []).prefix(40).enumerated() {
                let base = JSONPointer([String(k)])
                #expect(validator.validate(event: event, endpoint: endpoint, at: base, now: now) == referenceEvent(event, endpoint, base))
            }
        }
    }

    @Test func helpersAgreeWithWhatTheyReplace() {
        var r = Mistakes.RNG(s: 7)
        for _ in 0..<2_000 {
            let digits = String((0..<(1 + r.next(18))).map { _ in Character(String(r.next(10))) })
            let text = "2024-01-15T10:30:00." + digits + "Z"
            let whole = Double(Timestamp.days(y: 2024, m: 1, d: 15) * 86_400 + 10 * 3600 + 30 * 60)
            #expect(Timestamp.read(text) == .valid(Date(timeIntervalSince1970: whole + Double("0." + digits)!), hasZone: true), "\(text)")
            for literal in [digits, "-" + digits, digits + "." + digits, digits + "e" + digits, "1" + String(repeating: digits, count: 30)] {
                guard let n = JSONNumber(literal: literal) else { continue }
                #expect(n.isFiniteValue == n.doubleValue.isFinite, "\(literal)")
                #expect(n.isInteger == !literal.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }))
            }
        }
        for s in ["", " ", "\t", " x", "x", "\u{00A0}", "\u{3000}", "\u{2003}a", "\n", "é", "\u{301}"] {
            #expect(Validator.isBlank(s) == s.trimmingCharacters(in: .whitespaces).isEmpty, "\(s.unicodeScalars.map(\.value))")
        }
        for s in ["", "a", "\"q\"", "back\\slash", "\u{7F}", "\u{1}", "tab\t", "café", String(repeating: "long ", count: 40)] {
            #expect(CompactSize.string(s) == JSONValue.escapedByteCount(s))
            #expect(ExactKey.same(s, "café") == s.utf8.elementsEqual("café".utf8))
        }
        for special in ["\"", "\\", "\u{7F}", "\u{1F}", "\u{0}", "\n", " ", "é", "\u{80}", "~"] {
            for at in 0..<20 { // every position in and after the 8-byte words the scan tests at once
                let s = String(repeating: "ab", count: at / 2) + (at % 2 == 1 ? "a" : "") + special + String(repeating: "z", count: 19 - at)
                #expect(CompactSize.string(s) == JSONValue.escapedByteCount(s), "\(special.unicodeScalars.map(\.value)) at \(at)")
            }
        }
        #expect(!ExactKey.same("café", "cafe\u{301}") && ExactKey.same("a much longer key than fifteen", "a much longer key than fifteen"))
        let body = Mistakes.batch(endpoint: .track, seed: 9)
        #expect(CompactSize.of(body) == body.compactByteCount)
    }

    // MARK: - The straightforward validator (as it was before the fast path)

    func reference(_ body: JSONValue, _ endpoint: Endpoint) -> [Finding] {
        let events: [JSONValue]
        switch body {
        case .array(let a): events = a
        case .object: events = [body]
        default: return [Finding(.error, .invalidBody, at: JSONPointer(), "the body is \(body.typeNameWithArticle); the API expects a JSON array of event objects")]
        }
        var out = validator.batchFindings(eventCount: events.count, byteCount: RequestBuilder.normalizedBody(body).compactByteCount)
        for (k, event) in events.enumerated() { out += referenceEvent(event, endpoint, JSONPointer([String(k)])) }
        return out
    }

    func referenceEvent(_ event: JSONValue, _ endpoint: Endpoint, _ base: JSONPointer) -> [Finding] {
        guard case .object(let obj) = event else {
            return [Finding(.error, .notAnObject, at: base, "each event must be a JSON object, but this one is \(event.typeNameWithArticle)")]
        }
        var out: [Finding] = []
        var reported = Set<JSONPointer>()
        func add(_ f: Finding) { out.append(f); reported.insert(f.path) }
        let size = event.compactByteCount
        if size > Validator.maxEventBytes {
            add(Finding(.warning, .eventTooLarge, at: base, "this event is \(ByteSize.describe(size)); events over 32 KB are rejected by most analytics pipelines"))
        }
        let usesEventKey = endpoint == .track && obj["event"] != nil
        if usesEventKey {
            if obj["event_name"] == nil {
                add(Finding(.error, .eventKeyInsteadOfEventName, at: base.appending("event"), "uses \"event\" for the event name; the API expects \"event_name\"",
                            fix: .renameKey(at: base.appending("event"), to: "event_name")))
            } else {
                add(Finding(.warning, .unplannedProperty, at: base.appending("event"), "has both \"event\" and \"event_name\"; the API ignores \"event\""))
            }
        }
        for key in endpoint.requiredKeys where !(key == "event_name" && usesEventKey) {
            let p = base.appending(key)
            switch obj[key] {
            case nil, .null?: add(Finding(.error, .missingRequired, at: p, "\(key) is required for \(endpoint.path) calls and is missing"))
            case .string(let s)? where s.trimmingCharacters(in: .whitespaces).isEmpty:
                add(Finding(.error, .missingRequired, at: p, "\(key) is required for \(endpoint.path) calls and is empty"))
            default: break
            }
        }
        for m in obj where !endpoint.knownKeys.contains(m.key) && !(m.key == "event" && usesEventKey) {
            add(Finding(.warning, .unplannedProperty, at: base.appending(m.key), "\"\(m.key)\" is not a field of \(endpoint.path) calls; the API ignores it"))
        }
        for key in ["properties", "traits", "context"] where endpoint.knownKeys.contains(key) {
            if let v = obj[key], !v.isNull, v.objectValue == nil {
                add(Finding(.error, .wrongType, at: base.appending(key), "\(key) must be an object, not \(v.typeNameWithArticle)"))
            }
        }
        let catalogue = validator.catalogue
        let template = catalogue.template(for: event, endpoint: endpoint)
        let specs = (template?.fields ?? catalogue.commonFields(for: endpoint)) + catalogue.reservedFields(for: endpoint)
        let planned = Set(specs.flatMap { [$0.path] + $0.aliases })
        let checks = FieldChecks(now: now)
        let eventNamePaths = usesEventKey ? [JSONPointer(["event"])] : []
        for spec in specs {
            let paths = [spec.path] + spec.aliases + (spec.path == JSONPointer(["event_name"]) ? eventNamePaths : [])
            guard let (path, value) = paths.lazy.compactMap({ p in event[pointer: p].map { (p, $0) } }).first else {
                let p = base.appending(spec.path)
                guard !reported.contains(p), !reported.contains(where: { p.hasPrefix($0) }) else { continue }
                if spec.requirement == .api {
                    add(Finding(.error, .missingRequired, at: p, "\(spec.name) is required and is missing"))
                } else if spec.requirement == .plan, let template {
                    add(Finding(.warning, .missingExpected, at: p,
                                "\(template.name) events should include \(spec.name) (\(spec.help.trimmingCharacters(in: CharacterSet(charactersIn: "."))))"))
                }
                continue
            }
            let p = base.appending(path)
            guard !reported.contains(p) else { continue }
            for f in checks.check(value, against: spec, at: p) { add(f) }
        }
        if endpoint == .track, let template, case .object(let props)? = obj["properties"] {
            for m in props where !planned.contains(JSONPointer(["properties", m.key])) {
                add(Finding(.warning, .unplannedProperty, at: base.appending("properties").appending(m.key), "\"\(m.key)\" is not in the tracking plan for \(template.name)"))
            }
        }
        HugeNumbers.collect(in: event, at: base, typeChecked: Set(out.filter { $0.code == .wrongType }.map(\.path)), into: &out)
        if endpoint == .group, let gid = obj["group_id"], let cgid = event[pointer: JSONPointer(["context", "group_id"])], gid != cgid {
            add(Finding(.warning, .groupIdMismatch, at: base.appending("context").appending("group_id"),
                        "context.group_id (\(cgid.compact())) differs from group_id (\(gid.compact())); for group calls they should be equal",
                        fix: .setValue(at: base.appending("context").appending("group_id"), value: gid)))
        }
        return out
    }
}

/// A deterministic batch of drafts from every template with many kinds of mistakes (and reordered keys, so
/// the lookup hints miss), for comparing validators.
enum Mistakes {
    struct RNG { var s: UInt64; mutating func next(_ n: Int) -> Int { s = s &* 6364136223846793005 &+ 1442695040888963407; return Int((s >> 33) % UInt64(n)) } }

    static func values(_ r: inout RNG) -> JSONValue {
        let pool: [JSONValue] = [.int(3), .double(2.5), .string(""), .string("  "), .string("\t"), .string("\u{00A0}"), .string(" x"),
            .string("\u{3000}"), .bool(true), .null, .array([.int(1), .string("a")]), .object(["k": .int(1)]),
            .number(JSONNumber(literal: "1e999")!), .number(JSONNumber(literal: "-1E+400")!), .number(JSONNumber(literal: "12.50")!),
            .string("2024-01-15T10:30:00"), .string("2099-01-01T00:00:00Z"), .string("20-11-23T22:28:55.111Z"), .string("2024-02-30"),
            .string("2024-01-15"), .string("2024-01-15T10:30:00.1234567890123456789+05:30"), .string("CORE"), .string("Marketing"),
            .string("café"), .string("cafe\u{301}"), .string(String(repeating: "x", count: 60)), .number(JSONNumber(literal: String(repeating: "9", count: 320))!)]
        return pool[r.next(pool.count)]
    }

    static func batch(endpoint: Endpoint, seed: UInt64, count: Int = 300) -> JSONValue {
        var r = RNG(s: seed)
        let templates = TemplateCatalogue.builtIn().templates.filter { $0.endpoint == endpoint }
        let factory = DraftFactory(now: { Date(timeIntervalSince1970: 1_789_999_000) }, uuid: { "11111111-2222-3333-4444-555555555555" })
        var events: [JSONValue] = []
        for _ in 0..<count {
            let t = templates[r.next(templates.count)]
            var e = factory.makeEvent(t)
            let paths = t.fields.map(\.path) + t.fields.flatMap(\.aliases) + TemplateCatalogue.builtIn().reservedFields(for: endpoint).map(\.path)
            for _ in 0..<r.next(4) {
                switch r.next(14) {
                case 0: e.set(nil, at: paths[r.next(paths.count)])
                case 1, 2: e.set(values(&r), at: paths[r.next(paths.count)])
                case 3: if case .object(var o) = e { o.renameKey("event_name", to: "event"); e = .object(o) }
                case 4: e.set(.string("signed_up"), at: JSONPointer(["event"]))
                case 5: e.set(values(&r), at: JSONPointer([["user_id", "group_id", "event_name"][r.next(3)]]))
                case 6: e.set(values(&r), at: JSONPointer([["properties", "traits", "context", "colour", "cafe\u{301}", "\u{212A}ey"][r.next(6)]]))
                case 7: e.set(values(&r), at: JSONPointer([["properties", "traits"][r.next(2)], ["surprise", "café", "cafe\u{301}", "revenue", "plan"][r.next(5)]]))
                case 8: if case .object(let o) = e { var m = o.members; m.shuffle(using: &r); e = .object(JSONObject(m)) }
                case 9: e.set(.array([.int(1), .object(["deep": .number(JSONNumber(literal: "1e400")!)])]), at: JSONPointer(["context", "extra"]))
                case 10: e.set(.string(String(repeating: "a", count: 33_000)), at: JSONPointer(["properties", "blob"]))
                case 11: e.set(.string(["b", "a"][r.next(2)]), at: JSONPointer(["context", "group_id"]))
                case 12: if r.next(10) == 0 { e = [.int(1), .string("x"), .null][r.next(3)] }
                default: e.set(values(&r), at: JSONPointer(["properties", "enrichment_phone", String(r.next(2))]))
                }
            }
            events.append(e)
        }
        return .array(events)
    }

}

extension Mistakes.RNG: RandomNumberGenerator {
    mutating func next() -> UInt64 { UInt64(next(Int.max)) }
}
