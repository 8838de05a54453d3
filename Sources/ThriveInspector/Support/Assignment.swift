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
            throw CLIError("--set \(TextPreview.short(text)): expected path=value or path:=JSON (e.g. properties.user_email=jo@acme.com)")
        }
        let shown = TextPreview.short(text)
        guard !path.isEmpty else { throw CLIError("--set \(shown): the path before '=' is empty") }
        let pointer = JSONPointer(dotted: path)
        guard pointer.tokens.count <= JSONPointer.maxLength else {
            throw CLIError("--set \(shown): the path has \(pointer.tokens.count) parts; at most \(JSONPointer.maxLength) are allowed")
        }
        guard case .array(let events) = body else { return }
        for k in events.indices {
            let event = events[k]
            let spec = (template ?? catalogue.template(for: event, endpoint: endpoint))?.field(at: pointer)
                ?? catalogue.commonFields(for: endpoint).first { $0.path == pointer }
            let parsed = raw ? FieldValueParser.json(valueText) : FieldValueParser.parse(valueText, as: spec?.type)
            let value: JSONValue
            switch parsed {
            case .success(let v): value = v
            case .failure(let e): throw CLIError("--set \(shown): \(spec.map { "\($0.name): " } ?? "")\(e.message)")
            }
            guard body.set(value, at: JSONPointer([String(k)]).appending(pointer)) else {
                throw CLIError("--set \(shown): cannot set \(TextPreview.short(path)) because a part of it is not an object")
            }
        }
    }
}
