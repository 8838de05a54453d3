import Foundation
import ThriveCore

/// `--set path=value` and `--set path:=json`, typed by the template's field spec where there is one.
enum Assignment {
    static func apply(_ text: String, to body: inout JSONValue, template: EventTemplate?, catalogue: TemplateCatalogue, endpoint: Endpoint) throws {
        let raw: Bool
        let path: String, valueText: String
        if let r = text.range(of: ":=") , text[..<r.lowerBound].firstIndex(of: "=") == nil {
            raw = true; path = String(text[..<r.lowerBound]); valueText = String(text[r.upperBound...])
        } else if let eq = text.firstIndex(of: "=") {
            raw = false; path = String(text[..<eq]); valueText = String(text[text.index(after: eq)...])
        } else {
            throw CLIError("--set \(text): expected path=value or path:=JSON (e.g. properties.user_email=jo@acme.com)")
        }
        guard !path.isEmpty else { throw CLIError("--set \(text): the path before '=' is empty") }
        let pointer = JSONPointer(dotted: path)
        guard case .array(let events) = body else { return }
        for k in events.indices {
            let event = events[k]
            let spec = (template ?? catalogue.template(for: event, endpoint: endpoint))?.field(at: pointer)
                ?? catalogue.commonFields(for: endpoint).first { $0.path == pointer }
            let value = try typedValue(valueText, raw: raw, spec: spec, original: text)
            guard body.set(value, at: JSONPointer([String(k)]).appending(pointer)) else {
                throw CLIError("--set \(text): cannot set \(path) because a part of it is not an object")
            }
        }
    }

    static func typedValue(_ text: String, raw: Bool, spec: FieldSpec?, original: String) throws -> JSONValue {
        func json() throws -> JSONValue {
            do { return try JSONParser.parse(text) } catch {
                throw CLIError("--set \(original): \(text) is not valid JSON (column \(error.column): \(error.message))")
            }
        }
        if raw { return try json() }
        switch spec?.type {
        case .string?, .dateTime?, .date?, .enum?: return .string(text)
        case .number?, .integer?:
            guard let n = JSONNumber(literal: text) else { throw CLIError("--set \(original): \(spec!.name) is a number, and \"\(text)\" is not one") }
            return .number(n)
        case .boolean?:
            guard text == "true" || text == "false" else { throw CLIError("--set \(original): \(spec!.name) is true or false") }
            return .bool(text == "true")
        case .array?, .object?: return try json()
        case nil:
            // Unknown field: numbers, booleans and null as JSON, everything else as the string typed.
            if let n = JSONNumber(literal: text) { return .number(n) }
            if text == "true" || text == "false" { return .bool(text == "true") }
            if text == "null" { return .null }
            return .string(text)
        }
    }
}
