/// The type a template field holds, as the docs name it.
public enum FieldType: String, Sendable, Hashable, CaseIterable, Codable {
    case string, number, integer, boolean
    case dateTime = "date-time"
    case date
    case array, object
    case `enum`
}

/// How strongly a field is needed.
public enum Requirement: String, Sendable, Hashable, Codable {
    /// The API rejects the request without it (HTTP 400).
    case api
    /// ThriveStack's tracking plan expects it; the API accepts the event but dashboards miss data.
    case plan
    case optional

    public var isRequired: Bool { self != .optional }
}

/// How a draft fills a field when it is created.
public enum ValueGenerator: String, Sendable, Hashable, Codable {
    /// A fresh random UUID.
    case uuid
    /// The current UTC time, ISO-8601 with milliseconds.
    case now
    /// Today's date (`YYYY-MM-DD`).
    case today
    /// A date 14 days from today, for trial ends.
    case inTwoWeeks = "in_two_weeks"
    /// Copy of another field's value, named by `source`.
    case copy
}

/// One field of an event template: where it lives, its type, whether it is needed, and its help text.
public struct FieldSpec: Sendable, Hashable {
    /// Path inside one event object, e.g. `properties/user_email`.
    public var path: JSONPointer
    public var type: FieldType
    public var requirement: Requirement
    /// Help text taken from the ThriveStack docs.
    public var help: String
    /// What a new draft puts there (when no generator applies).
    public var example: JSONValue?
    /// Allowed values for `enum` fields.
    public var allowedValues: [String]
    /// Older names the docs also use (`properties/email` for `properties/user_email`); either satisfies the field.
    public var aliases: [JSONPointer]
    public var generator: ValueGenerator?
    /// For `copy` generators: the field whose value is copied.
    public var source: JSONPointer?
    /// For arrays: the type of each item.
    public var itemType: FieldType?
    /// Optional fields that a new draft still fills (e.g. `timestamp`); required ones always are.
    public var includeInDraft: Bool = false

    public init(path: JSONPointer, type: FieldType, requirement: Requirement = .optional, help: String = "",
                example: JSONValue? = nil, allowedValues: [String] = [], aliases: [JSONPointer] = [],
                generator: ValueGenerator? = nil, source: JSONPointer? = nil, itemType: FieldType? = nil) {
        self.path = path; self.type = type; self.requirement = requirement; self.help = help
        self.example = example; self.allowedValues = allowedValues; self.aliases = aliases
        self.generator = generator; self.source = source; self.itemType = itemType
    }

    /// Display name: the dotted path (`properties.user_email`).
    public var name: String { path.dotted }
}
