/// How serious a validation finding is.
public enum Severity: String, Sendable, Hashable, Codable, Comparable {
    /// The API would reject the request (or the data is plainly wrong).
    case error
    /// The API accepts it but something is probably not what was meant.
    case warning

    public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
}

/// The kind of problem a finding reports; stable names for `--json` output and tests.
public enum FindingCode: String, Sendable, Hashable, Codable, CaseIterable {
    case invalidBody = "invalid_body"
    case emptyBatch = "empty_batch"
    case notAnObject = "not_an_object"
    case missingRequired = "missing_required"
    case missingExpected = "missing_expected"
    case wrongType = "wrong_type"
    case notInEnum = "not_in_enum"
    case unplannedProperty = "unplanned_property"
    case malformedTimestamp = "malformed_timestamp"
    case zonelessTimestamp = "zoneless_timestamp"
    case futureTimestamp = "future_timestamp"
    case eventKeyInsteadOfEventName = "event_instead_of_event_name"
    case groupIdMismatch = "group_id_mismatch"
    case eventTooLarge = "event_too_large"
    case batchTooManyEvents = "batch_too_many_events"
    case batchTooLarge = "batch_too_large"
}

/// A change that repairs a finding, offered to the user, never applied silently.
public enum Fix: Sendable, Hashable {
    /// Rename the key at `at` to `to` (same place, same value).
    case renameKey(at: JSONPointer, to: String)
    /// Set the value at a path.
    case setValue(at: JSONPointer, value: JSONValue)

    /// Where in the body the fix changes something.
    public var path: JSONPointer {
        switch self {
        case .renameKey(let at, _), .setValue(let at, _): return at
        }
    }

    /// What the fix does, in words.
    public var summary: String {
        switch self {
        case .renameKey(let at, let to): return "rename \"\(at.last ?? "")\" to \"\(to)\""
        case .setValue(let at, let value): return "set \(at.dotted) to \(value.compact())"
        }
    }
}

/// One validation result: severity, where (a JSON pointer into the request body), and what, in plain words.
public struct Finding: Sendable, Hashable, CustomStringConvertible {
    public var severity: Severity
    public var code: FindingCode
    /// Pointer into the request body (an array), e.g. `/0/properties/user_email`.
    public var path: JSONPointer
    public var message: String
    public var fix: Fix?

    public init(_ severity: Severity, _ code: FindingCode, at path: JSONPointer, _ message: String, fix: Fix? = nil) {
        self.severity = severity; self.code = code; self.path = path; self.message = message; self.fix = fix
    }

    public var description: String { "\(severity.rawValue) \(path): \(message)" }
}

extension Fix {
    /// Applies the fix to a body; false when the path no longer exists.
    @discardableResult
    public func apply(to body: inout JSONValue) -> Bool {
        switch self {
        case .setValue(let at, let value):
            return body.set(value, at: at)
        case .renameKey(let at, let to):
            guard let parent = at.parent, let key = at.last, case .object(var o)? = body[pointer: parent] else { return false }
            guard o.renameKey(key, to: to) else { return false }
            return body.set(.object(o), at: parent)
        }
    }
}
