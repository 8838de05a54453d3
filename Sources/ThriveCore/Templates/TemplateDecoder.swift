import Foundation

/// A template file that could not be understood, with the reason in words.
public struct TemplateDecodeError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// Turns template documents (JSON values) into ``EventTemplate``s, merging in each endpoint's common fields.
public struct TemplateDecoder: Sendable {
    /// Fields every template of an endpoint has (event_name, user_id, context.*, timestamp).
    public var commonFields: [Endpoint: [FieldSpec]]
    /// Fields allowed on any event of an endpoint without being planned (reserved track properties).
    public var reservedFields: [Endpoint: [FieldSpec]]

    public init(commonFields: [Endpoint: [FieldSpec]] = [:], reservedFields: [Endpoint: [FieldSpec]] = [:]) {
        self.commonFields = commonFields; self.reservedFields = reservedFields
    }

    /// Reads `_common.json`: `{ "track": { "fields": [...], "reserved": [...] }, … }`.
    public init(common: JSONValue) throws(TemplateDecodeError) {
        var c: [Endpoint: [FieldSpec]] = [:], r: [Endpoint: [FieldSpec]] = [:]
        for e in Endpoint.allCases {
            guard let section = common[e.rawValue] else { continue }
            c[e] = try TemplateDecoder.fields(section["fields"], context: "\(e.rawValue) common fields")
            r[e] = try TemplateDecoder.fields(section["reserved"], context: "\(e.rawValue) reserved fields")
        }
        self.init(commonFields: c, reservedFields: r)
    }

    public func decode(_ doc: JSONValue, origin: TemplateOrigin) throws(TemplateDecodeError) -> EventTemplate {
        guard case .object = doc else { throw TemplateDecodeError(message: "a template must be a JSON object") }
        guard let name = doc["name"]?.stringValue, !name.isEmpty else { throw TemplateDecodeError(message: "the template has no \"name\"") }
        guard let epText = doc["endpoint"]?.stringValue, let endpoint = Endpoint(rawValue: epText) else {
            throw TemplateDecodeError(message: "template \(name): \"endpoint\" must be track, identify or group")
        }
        let eventName = doc["event_name"]?.stringValue ?? (endpoint == .track ? name : nil)
        let own = try TemplateDecoder.fields(doc["fields"], context: "template \(name)")
        // Common fields first, then the template's own; a template field with the same path replaces the common one in place.
        var merged = commonFields[endpoint] ?? []
        for spec in own {
            if let i = merged.firstIndex(where: { $0.path == spec.path }) { merged[i] = spec } else { merged.append(spec) }
        }
        return EventTemplate(name: name, endpoint: endpoint, eventName: eventName,
                             summary: doc["summary"]?.stringValue ?? "", description: doc["description"]?.stringValue ?? "",
                             fields: TemplateDecoder.ordered(merged, endpoint: endpoint), origin: origin)
    }

    /// Sorts fields by the docs' top-level key order (event_name, user_id, properties, context, timestamp), stably.
    static func ordered(_ fields: [FieldSpec], endpoint: Endpoint) -> [FieldSpec] {
        let order = endpoint.knownKeys
        func rank(_ f: FieldSpec) -> Int { order.firstIndex(of: f.path.tokens.first ?? "") ?? order.count }
        return fields.enumerated().sorted { a, b in
            let ra = rank(a.element), rb = rank(b.element)
            return ra != rb ? ra < rb : a.offset < b.offset
        }.map(\.element)
    }

    static func fields(_ value: JSONValue?, context: String) throws(TemplateDecodeError) -> [FieldSpec] {
        guard let value else { return [] }
        guard case .array(let items) = value else { throw TemplateDecodeError(message: "\(context): \"fields\" must be an array") }
        var out: [FieldSpec] = []
        for (k, item) in items.enumerated() {
            out.append(try field(item, context: "\(context), field \(k + 1)"))
        }
        return out
    }

    static func field(_ v: JSONValue, context: String) throws(TemplateDecodeError) -> FieldSpec {
        guard let path = v["path"]?.stringValue, !path.isEmpty else { throw TemplateDecodeError(message: "\(context): missing \"path\"") }
        let where_ = "\(context) (\(path))"
        let typeText = v["type"]?.stringValue ?? "string"
        guard let type = FieldType(rawValue: typeText) else {
            throw TemplateDecodeError(message: "\(where_): unknown type \"\(typeText)\" (use \(FieldType.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        var requirement = Requirement.optional
        switch v["required"] {
        case nil, .null?, .bool(false)?: break
        case .bool(true)?: requirement = .plan
        case .string(let s)?:
            guard let r = Requirement(rawValue: s) else { throw TemplateDecodeError(message: "\(where_): \"required\" must be api, plan, optional or a boolean") }
            requirement = r
        default: throw TemplateDecodeError(message: "\(where_): \"required\" must be api, plan, optional or a boolean")
        }
        var generator: ValueGenerator?
        if let g = v["generator"]?.stringValue {
            guard let gen = ValueGenerator(rawValue: g) else { throw TemplateDecodeError(message: "\(where_): unknown generator \"\(g)\"") }
            generator = gen
        }
        let values = (v["values"]?.arrayValue ?? []).compactMap(\.stringValue)
        if type == .enum && values.isEmpty { throw TemplateDecodeError(message: "\(where_): an enum field needs \"values\"") }
        var itemType: FieldType?
        if let it = v["items"]?.stringValue {
            guard let t = FieldType(rawValue: it) else { throw TemplateDecodeError(message: "\(where_): unknown item type \"\(it)\"") }
            itemType = t
        }
        var spec = FieldSpec(
            path: JSONPointer(dotted: path), type: type, requirement: requirement,
            help: v["help"]?.stringValue ?? "", example: v["example"], allowedValues: values,
            aliases: (v["aliases"]?.arrayValue ?? []).compactMap(\.stringValue).map { JSONPointer(dotted: $0) },
            generator: generator, source: v["source"]?.stringValue.map { JSONPointer(dotted: $0) }, itemType: itemType)
        spec.includeInDraft = v["include"]?.boolValue ?? false
        return spec
    }
}
