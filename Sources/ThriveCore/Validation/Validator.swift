import Foundation

/// Checks request bodies the way the ThriveStack API (and its tracking plan) would, producing typed findings.
public struct Validator: Sendable {
    public var catalogue: TemplateCatalogue
    /// Limits from the 2025 docs and comparable analytics APIs.
    public static let maxEvents = 1_000
    public static let maxBatchBytes = 2 * 1024 * 1024
    public static let maxEventBytes = 32 * 1024
    /// Clock skew tolerated before a timestamp counts as "in the future".
    public static let futureTolerance: TimeInterval = 300

    public init(catalogue: TemplateCatalogue) { self.catalogue = catalogue }

    /// Validates a whole request body for `endpoint`. A single object is checked as the batch `[object]`,
    /// so paths always start with the event's index (`/0/user_id`).
    public func validate(body: JSONValue, endpoint: Endpoint, now: Date = Date()) -> [Finding] {
        let events: [JSONValue]
        switch body {
        case .array(let a): events = a
        case .object: events = [body]
        default:
            return [Finding(.error, .invalidBody, at: JSONPointer(), "the body is \(body.typeNameWithArticle); the API expects a JSON array of event objects")]
        }
        // One size walk per event serves both limits: the normalized body is `[e0,e1,…]`, so its compact size
        // is the events' sizes plus brackets and commas.
        let scans = events.map(CompactSize.scan)
        var out = batchFindings(eventCount: events.count, byteCount: 2 + max(0, events.count - 1) + scans.reduce(0) { $0 + $1.size })
        var plans = PlanCache()
        for (k, event) in events.enumerated() {
            out += validate(event: event, scan: scans[k], endpoint: endpoint, at: JSONPointer([String(k)]), now: now, plans: &plans)
        }
        return out
    }

    /// The checks on a whole request rather than one event: empty, too many events, too many bytes.
    /// Public so an editor that revalidates only the event it changed can still check the batch.
    public func batchFindings(eventCount: Int, byteCount: Int) -> [Finding] {
        var out: [Finding] = []
        if eventCount == 0 {
            out.append(Finding(.error, .emptyBatch, at: JSONPointer(), "the batch is empty; send at least one event"))
        }
        if eventCount > Validator.maxEvents {
            out.append(Finding(.error, .batchTooManyEvents, at: JSONPointer(),
                               "the batch has \(eventCount) events; the API accepts at most \(Validator.maxEvents) per request"))
        }
        if byteCount > Validator.maxBatchBytes {
            out.append(Finding(.error, .batchTooLarge, at: JSONPointer(),
                               "the request is \(ByteSize.describe(byteCount)); the API accepts at most 2 MB per request"))
        }
        return out
    }

    /// Validates one event object; `base` is its pointer inside the body.
    public func validate(event: JSONValue, endpoint: Endpoint, at base: JSONPointer, now: Date = Date()) -> [Finding] {
        var plans = PlanCache()
        return validate(event: event, scan: CompactSize.scan(event), endpoint: endpoint, at: base, now: now, plans: &plans)
    }

    /// The checks on one event. `scan` is its size and number check, which the batch has already worked out.
    ///
    /// Most events have no finding, so nothing here builds a path, a name or a message until a check fails:
    /// fields are found through the plan's hints and judged by `FieldChecks.isClean` first.
    func validate(event: JSONValue, scan: CompactSize.Scan, endpoint: Endpoint, at base: JSONPointer, now: Date, plans: inout PlanCache) -> [Finding] {
        guard case .object(let obj) = event else {
            return [Finding(.error, .notAnObject, at: base, "each event must be a JSON object, but this one is \(event.typeNameWithArticle)")]
        }
        var out: [Finding] = []
        var reported = Set<JSONPointer>()
        func add(_ f: Finding) { out.append(f); reported.insert(f.path) }

        if scan.size > Validator.maxEventBytes {
            add(Finding(.warning, .eventTooLarge, at: base, "this event is \(ByteSize.describe(scan.size)); events over 32 KB are rejected by most analytics pipelines"))
        }
        let usesEventKey = endpoint == .track && obj["event"] != nil
        if usesEventKey {
            if obj["event_name"] == nil {
                add(Finding(.error, .eventKeyInsteadOfEventName, at: base.appending("event"),
                            "uses \"event\" for the event name; the API expects \"event_name\"",
                            fix: .renameKey(at: base.appending("event"), to: "event_name")))
            } else {
                add(Finding(.warning, .unplannedProperty, at: base.appending("event"),
                            "has both \"event\" and \"event_name\"; the API ignores \"event\""))
            }
        }
        for key in endpoint.requiredKeys where !(key == "event_name" && usesEventKey) {
            switch obj[key] {
            case nil, .null?:
                add(Finding(.error, .missingRequired, at: base.appending(key), "\(key) is required for \(endpoint.path) calls and is missing"))
            case .string(let s)? where Validator.isBlank(s):
                add(Finding(.error, .missingRequired, at: base.appending(key), "\(key) is required for \(endpoint.path) calls and is empty"))
            default: break
            }
        }
        let knownKeys = endpoint.knownKeys // a fresh array per call: fetched once, not once per member
        for m in obj where !knownKeys.contains(m.key) && !(m.key == "event" && usesEventKey) {
            add(Finding(.warning, .unplannedProperty, at: base.appending(m.key),
                        "\"\(m.key)\" is not a field of \(endpoint.path) calls; the API ignores it"))
        }
        for key in Validator.containerKeys where knownKeys.contains(key) {
            if let v = obj[key], !v.isNull, v.objectValue == nil {
                add(Finding(.error, .wrongType, at: base.appending(key), "\(key) must be an object, not \(v.typeNameWithArticle)"))
            }
        }

        let plan = plans.plan(for: event, endpoint: endpoint, catalogue: catalogue)
        let template = plan.template
        let checks = FieldChecks(now: now)
        plan.beginEvent(event)
        for s in plan.specs.indices {
            // An old-style "event" key stands in for event_name: it was reported above, with its fix, and must not
            // be reported again as a missing event_name (the plan tries it last, only when the event uses it).
            guard let (slot, value) = plan.find(spec: s, in: event, usesEventKey: usesEventKey) else {
                // Most absent fields are optional: nothing to report, so no spec copy and no path.
                let requirement = plan.requirements[s]
                guard requirement == .api || (requirement == .plan && template != nil) else { continue }
                let spec = plan.specs[s]
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
            // Nothing reported yet means nothing to skip: the pointer is built only when it can matter.
            if !reported.isEmpty, reported.contains(base.appending(plan.pointers[slot])) { continue }
            if checks.isClean(value, against: plan.cleanChecks[s]) { continue }
            for f in checks.check(value, against: plan.specs[s], at: base.appending(plan.pointers[slot])) { add(f) }
        }
        if endpoint == .track, let template, case .object(let props)? = obj["properties"] {
            for (i, m) in props.members.enumerated() where !plan.isMarked(i) && !plan.plannedProperties.contains(m.key) {
                add(Finding(.warning, .unplannedProperty, at: base.appending("properties").appending(m.key),
                            "\"\(m.key)\" is not in the tracking plan for \(template.name)"))
            }
        }
        if scan.hasNonFiniteNumber {
            HugeNumbers.collect(in: event, at: base, typeChecked: Set(out.filter { $0.code == .wrongType }.map(\.path)), into: &out)
        }
        if endpoint == .group, let gid = obj["group_id"], let cgid = event[pointer: JSONPointer(["context", "group_id"])], gid != cgid {
            add(Finding(.warning, .groupIdMismatch, at: base.appending("context").appending("group_id"),
                        "context.group_id (\(cgid.compact())) differs from group_id (\(gid.compact())); for group calls they should be equal",
                        fix: .setValue(at: base.appending("context").appending("group_id"), value: gid)))
        }
        return out
    }

    /// Top-level members that must be objects when present.
    static let containerKeys = ["properties", "traits", "context"]

    /// `s.trimmingCharacters(in: .whitespaces).isEmpty`, decided from the first byte when that is a plain ASCII
    /// character other than space or tab (trimming cannot remove it); Foundation is asked only otherwise.
    static func isBlank(_ s: String) -> Bool {
        guard let first = s.utf8.first else { return true }
        if first < 0x80, first != 0x20, first != 0x09 { return false }
        return s.trimmingCharacters(in: .whitespaces).isEmpty
    }
}

/// Byte counts in words.
enum ByteSize {
    static func describe(_ n: Int) -> String {
        if n < 1024 { return "\(n) bytes" }
        if n < 1024 * 1024 { return String(format: "%.1f KB", Double(n) / 1024) }
        return String(format: "%.2f MB", Double(n) / 1_048_576)
    }
}

/// Numbers such as `1e999999`: valid JSON text, but infinity to every reader that parses doubles.
/// Fields with a spec are checked by `FieldChecks`; this walk finds them anywhere else in an event. It builds
/// a path only for what it reports, and runs only for events whose `CompactSize.scan` met such a number.
enum HugeNumbers {
    static func collect(in value: JSONValue, at base: JSONPointer, typeChecked: Set<JSONPointer>, into out: inout [Finding]) {
        var tokens = base.tokens
        walk(value, &tokens, typeChecked, &out)
    }

    private static func walk(_ value: JSONValue, _ tokens: inout [String], _ typeChecked: Set<JSONPointer>, _ out: inout [Finding]) {
        switch value {
        case .number(let n) where !n.isFiniteValue:
            let path = JSONPointer(tokens)
            guard !typeChecked.contains(path) else { return }
            out.append(Finding(.warning, .wrongType, at: path,
                               "\(TextPreview.short(n.text, 24)) is too large for a number: readers of this JSON get infinity"))
        case .object(let o):
            for m in o {
                tokens.append(m.key)
                walk(m.value, &tokens, typeChecked, &out)
                tokens.removeLast()
            }
        case .array(let a):
            for (k, item) in a.enumerated() {
                tokens.append(String(k))
                walk(item, &tokens, typeChecked, &out)
                tokens.removeLast()
            }
        default: break
        }
    }
}
