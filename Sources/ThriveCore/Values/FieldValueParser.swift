import Foundation

/// Turns text a person typed into the JSON value of a field: the one set of rules for `--set` on the command
/// line and for the form, so the same text means the same value everywhere.
public enum FieldValueParser {
    /// Parses `text` for a field of `type`; nil is a field no template describes.
    ///
    /// - Strings (and dates, enums) take the text as is, unless the field holds a non-string value now
    ///   (`current`), which the user is then editing as JSON.
    /// - Numbers must be JSON numbers; integers must be whole.
    /// - Booleans take true/false, yes/no or 1/0, in any case.
    /// - Arrays and objects must be JSON of that kind.
    /// - Untyped fields: numbers, booleans and null become JSON; anything else is the string typed.
    public static func parse(_ text: String, as type: FieldType?, current: JSONValue? = nil) -> Result<JSONValue, FieldValueError> {
        switch type {
        case .string?, .dateTime?, .date?, .enum?:
            if current == nil || current?.stringValue != nil { return .success(.string(text)) }
            return json(text)
        case .number?, .integer?:
            guard let n = JSONNumber(literal: text.trimmingCharacters(in: .whitespaces)) else {
                return .failure(FieldValueError("\"\(TextPreview.short(text))\" is not a number"))
            }
            if type == .integer && !n.isInteger { return .failure(FieldValueError("\"\(text)\" is not a whole number")) }
            if !n.doubleValue.isFinite { return .failure(FieldValueError("\(TextPreview.short(text, 24)) is too large for a number")) }
            return .success(.number(n))
        case .boolean?:
            if let b = boolean(text) { return .success(.bool(b)) }
            return .failure(FieldValueError("type true or false, not \"\(TextPreview.short(text))\""))
        case .array?, .object?:
            let r = json(text)
            if case .success(let v) = r, type == .array, v.arrayValue == nil { return .failure(FieldValueError("expected a JSON array like [\"a\", \"b\"]")) }
            if case .success(let v) = r, type == .object, v.objectValue == nil { return .failure(FieldValueError("expected a JSON object like {\"k\": \"v\"}")) }
            return r
        case nil:
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if let n = JSONNumber(literal: trimmed) {
                guard n.doubleValue.isFinite else { return .failure(FieldValueError("\(TextPreview.short(trimmed, 24)) is too large for a number")) }
                return .success(.number(n))
            }
            if trimmed == "true" || trimmed == "false" { return .success(.bool(trimmed == "true")) }
            if trimmed == "null" { return .success(.null) }
            return .success(.string(text))
        }
    }

    /// Text that must be JSON (`--set path:=JSON`, object and array fields).
    public static func json(_ text: String) -> Result<JSONValue, FieldValueError> {
        do { return .success(try JSONParser.parse(text)) } catch {
            return .failure(FieldValueError("not valid JSON at column \(error.column): \(error.message)"))
        }
    }

    static func boolean(_ text: String) -> Bool? {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "true", "yes", "1": return true
        case "false", "no", "0": return false
        default: return nil
        }
    }
}

/// Why typed text is not a value for its field, worded for the user.
public struct FieldValueError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
