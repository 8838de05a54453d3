import Foundation

/// Makes new event objects from templates, filled with realistic values: fresh UUIDs, the current UTC time.
public struct DraftFactory: Sendable {
    public var now: @Sendable () -> Date
    public var uuid: @Sendable () -> String

    public init(now: @escaping @Sendable () -> Date = { Date() },
                uuid: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() }) {
        self.now = now; self.uuid = uuid
    }

    /// One event object for `template`: required fields, fields marked for drafts, in the docs' order.
    public func makeEvent(_ template: EventTemplate) -> JSONValue {
        var event = JSONValue.object(JSONObject())
        if let name = template.eventName, template.endpoint == .track {
            event.set(.string(name), at: JSONPointer(["event_name"]))
        }
        for spec in template.fields where spec.requirement.isRequired || spec.includeInDraft {
            if event[pointer: spec.path] != nil { continue }
            event.set(value(for: spec, in: event), at: spec.path)
        }
        return event
    }

    /// A request body (always an array) with one event from `template`.
    public func makeBody(_ template: EventTemplate) -> JSONValue { .array([makeEvent(template)]) }

    /// The value a new field gets: its generator, else its example, else an empty value of its type.
    public func value(for spec: FieldSpec, in event: JSONValue) -> JSONValue {
        switch spec.generator {
        case .uuid?: return .string(uuid())
        case .now?: return .string(Timestamp.format(now()))
        case .today?: return .string(Timestamp.formatDate(now()))
        case .inTwoWeeks?: return .string(Timestamp.formatDate(now().addingTimeInterval(14 * 86_400)))
        case .copy?:
            if let source = spec.source, let v = event[pointer: source] { return v }
            return .string(uuid())
        case nil: break
        }
        if let example = spec.example { return example }
        return DraftFactory.emptyValue(for: spec)
    }

    /// The neutral value of a type: "" / 0 / false / [] / {} / the first enum value.
    public static func emptyValue(for spec: FieldSpec) -> JSONValue {
        switch spec.type {
        case .string, .dateTime, .date: return .string("")
        case .number, .integer: return .int(0)
        case .boolean: return .bool(false)
        case .array: return .array([])
        case .object: return .object(JSONObject())
        case .enum: return .string(spec.allowedValues.first ?? "")
        }
    }
}
