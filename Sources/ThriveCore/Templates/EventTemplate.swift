/// Where a template came from.
public enum TemplateOrigin: Sendable, Hashable {
    case builtIn
    /// A user file from the templates folder; it may override a built-in of the same name.
    case user(path: String)
}

/// An event template: one ThriveStack call (a track event, identify or group) with its field specs.
public struct EventTemplate: Sendable, Hashable, Identifiable {
    /// Unique name: the track event name (`signed_up`), or `identify` / `group`.
    public var name: String
    public var endpoint: Endpoint
    /// The `event_name` for track templates; nil for identify and group.
    public var eventName: String?
    /// One line for lists.
    public var summary: String
    /// Longer text from the docs.
    public var description: String
    public var fields: [FieldSpec]
    public var origin: TemplateOrigin

    public var id: String { name }

    public init(name: String, endpoint: Endpoint, eventName: String?, summary: String, description: String,
                fields: [FieldSpec], origin: TemplateOrigin = .builtIn) {
        self.name = name; self.endpoint = endpoint; self.eventName = eventName; self.summary = summary
        self.description = description; self.fields = fields; self.origin = origin
    }

    /// The spec at `path`, looking through aliases too.
    public func field(at path: JSONPointer) -> FieldSpec? {
        fields.first { $0.path == path } ?? fields.first { $0.aliases.contains(path) }
    }
}
