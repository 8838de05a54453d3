import Foundation

extension Validator {
    /// What the checks need from a template, worked out once per template and batch: a 1,000-event batch
    /// of one event type should not rebuild the same field lists, sets and paths 1,000 times.
    ///
    /// A class because it also carries per-batch lookup state (hints, marks) that each event updates in place.
    /// It never leaves the `validate` call that made it, so it is not shared between threads.
    final class Plan {
        let template: EventTemplate?
        /// The template's fields (or the endpoint's common ones) followed by the reserved ones.
        let specs: [FieldSpec]
        /// Every path, aliases included, that the tracking plan knows.
        let planned: Set<JSONPointer>
        /// The keys `k` with `properties/k` in `planned`. Same `String` equality as the `JSONPointer` set, so
        /// `plannedProperties.contains(k)` is `planned.contains(["properties", k])` without building the pointer.
        let plannedProperties: Set<String>

        /// One path a spec can be found at: a parent path (shared by the specs under it) and a last step.
        /// Only plain numbers and flags, so the per-field loop copies no reference.
        struct Candidate {
            /// Index into `parents`, or -1 for a path of one step (or none: the event itself).
            var parent: Int
            /// Index into `pointers`, `lastTokens` and `hints`.
            var slot: Int
            var isEmptyPath: Bool
            /// The old-style `event` key, tried for `event_name` only when the event uses it.
            var onlyWithEventKey: Bool
            /// `properties/<key>`: finding it proves that member of `properties` is planned.
            var isDirectProperty: Bool
        }
        /// All specs' candidates, and per spec its range of them, in the order the checks try them: the path,
        /// the aliases, then `event` for `event_name`.
        private let candidates: [Candidate]
        private let ranges: [Range<Int>]
        /// Per slot: the full path (for findings) and its last step.
        let pointers: [JSONPointer]
        private let lastTokens: [String]
        /// What `FieldChecks.isClean` needs of each spec, and each spec's requirement, without copying whole specs.
        let cleanChecks: [FieldChecks.Clean]
        let requirements: [Requirement]
        /// The distinct parent paths (`properties`, `context`, …), byte for byte.
        private let parents: [[String]]
        /// This event's value at each parent path: looked up once per event, not once per field under it.
        /// Unchecked exclusivity (here and for the marks): only this class's own, non-reentrant methods touch
        /// them, and the runtime check on every access was a visible share of the per-field cost.
        @exclusivity(unchecked) private var parentValues: [JSONValue?]
        /// Per slot, the member index where the previous event had that key (parent steps after the slots).
        /// Events of a batch are usually built alike, so one comparison replaces a search through 30 members.
        /// Raw storage owned by the plan: no copy-on-write or exclusivity checks on the hottest loop.
        private let hints: UnsafeMutableBufferPointer<Int>
        /// `marks[i] == serial` when member `i` of this event's `properties` was found at a planned path.
        @exclusivity(unchecked) private var marks: [Int] = []
        @exclusivity(unchecked) private var serial = 0

        init(template: EventTemplate?, specs: [FieldSpec]) {
            self.template = template
            self.specs = specs
            planned = Set(specs.flatMap { [$0.path] + $0.aliases })
            plannedProperties = Set(planned.filter { $0.tokens.count == 2 && $0.tokens[0] == "properties" }.map { $0.tokens[1] })
            cleanChecks = specs.map { FieldChecks.Clean(type: $0.type, itemType: $0.itemType, allowedValues: $0.allowedValues) }
            requirements = specs.map(\.requirement)
            var candidates: [Candidate] = [], ranges: [Range<Int>] = [], pointers: [JSONPointer] = [], parents: [[String]] = []
            var parentIndex: [[ExactKey]: Int] = [:] // byte-equal paths only: lookups compare keys byte for byte
            for spec in specs {
                let isEventName = spec.path == JSONPointer(["event_name"])
                let paths = [spec.path] + spec.aliases + (isEventName ? [JSONPointer(["event"])] : [])
                let first = candidates.count
                for (k, p) in paths.enumerated() {
                    var parent = -1
                    if p.tokens.count > 1 {
                        let head = Array(p.tokens.dropLast())
                        if let known = parentIndex[head.map(ExactKey.init)] { parent = known } else {
                            parent = parents.count
                            parentIndex[head.map(ExactKey.init)] = parent
                            parents.append(head)
                        }
                    }
                    candidates.append(Candidate(parent: parent, slot: pointers.count, isEmptyPath: p.tokens.isEmpty,
                                                onlyWithEventKey: isEventName && k == paths.count - 1,
                                                isDirectProperty: p.tokens.count == 2 && ExactKey.same(p.tokens[0], "properties")))
                    pointers.append(p)
                }
                ranges.append(first..<candidates.count)
            }
            self.candidates = candidates; self.ranges = ranges; self.pointers = pointers; self.parents = parents
            lastTokens = pointers.map { $0.tokens.last ?? "" }
            parentValues = Array(repeating: nil, count: parents.count)
            hints = .allocate(capacity: pointers.count + parents.reduce(0) { $0 + $1.count })
            hints.initialize(repeating: 0)
        }

        deinit { hints.deallocate() }

        /// Starts a new event: looks up its parent paths, and forgets the last event's marks.
        func beginEvent(_ event: JSONValue) {
            serial += 1
            var h = pointers.count
            for k in parents.indices {
                var value: JSONValue? = event
                for t in parents[k] {
                    value = value.flatMap { step($0, t, hint: h)?.value }
                    h += 1
                }
                parentValues[k] = value
            }
        }

        /// The first of spec `s`'s paths present in `event`: its slot (the path is `pointers[slot]`) and value.
        /// What `event[pointer:]` over the candidate paths gives, found through the parents and hints.
        func find(spec s: Int, in event: JSONValue, usesEventKey: Bool) -> (slot: Int, value: JSONValue)? {
            for k in ranges[s] {
                let c = candidates[k]
                if c.onlyWithEventKey && !usesEventKey { continue }
                let found: (value: JSONValue, index: Int)?
                if c.isEmptyPath {
                    found = (event, -1)
                } else if c.parent < 0 {
                    found = step(event, lastTokens[c.slot], hint: c.slot)
                } else if let parent = parentValues[c.parent] {
                    found = step(parent, lastTokens[c.slot], hint: c.slot)
                } else {
                    found = nil
                }
                guard let found else { continue }
                if c.isDirectProperty, found.index >= 0 { mark(found.index) }
                return (c.slot, found.value)
            }
            return nil
        }

        /// True when member `i` of this event's `properties` was found at a planned path (so it is planned).
        func isMarked(_ i: Int) -> Bool { i < marks.count && marks[i] == serial }

        private func mark(_ i: Int) {
            if i >= marks.count { marks.append(contentsOf: repeatElement(-1, count: i + 1 - marks.count)) }
            marks[i] = serial
        }

        /// One step of `JSONValue[pointer:]`, with object keys looked up at the hint first; the member index
        /// comes back for objects (-1 for arrays).
        private func step(_ value: JSONValue, _ t: String, hint h: Int) -> (value: JSONValue, index: Int)? {
            switch value {
            case .object(let o):
                guard let i = o.index(of: t, hint: hints[h]) else { return nil }
                hints[h] = i
                return (o.members[i].value, i)
            case .array(let a):
                guard let k = Int(t), a.indices.contains(k) else { return nil }
                return (a[k], -1)
            default:
                return nil
            }
        }
    }

    /// The plans of one batch, by template.
    struct PlanCache {
        private var plans: [String: Plan] = [:]
        /// The last event's endpoint and name, and its plan: the template depends on nothing else, and events
        /// in a batch mostly share a name, so the catalogue search and the key string are skipped for them.
        private var last: (endpoint: Endpoint, name: String?, plan: Plan)?

        mutating func plan(for event: JSONValue, endpoint: Endpoint, catalogue: TemplateCatalogue) -> Plan {
            // The name `TemplateCatalogue.template(for:endpoint:)` goes by; other endpoints go by endpoint alone.
            let name = endpoint == .track ? (event["event_name"]?.stringValue ?? event["event"]?.stringValue) : nil
            if let last, last.endpoint == endpoint, Self.sameName(last.name, name) { return last.plan }
            let template = catalogue.template(for: event, endpoint: endpoint)
            let key = endpoint.rawValue + "/" + (template?.name ?? "")
            let plan: Plan
            if let known = plans[key] {
                plan = known
            } else {
                let specs = (template?.fields ?? catalogue.commonFields(for: endpoint)) + catalogue.reservedFields(for: endpoint)
                plan = Plan(template: template, specs: specs)
                plans[key] = plan
            }
            last = (endpoint, name, plan)
            return plan
        }

        /// Byte-equal names (or both absent): byte-equal strings are `==`, so the catalogue picks the same template.
        private static func sameName(_ a: String?, _ b: String?) -> Bool {
            switch (a, b) {
            case (nil, nil): return true
            case (let a?, let b?): return ExactKey.same(a, b)
            default: return false
            }
        }
    }
}
