import ThriveCore

/// One row of the form: a field of the current event, present or only planned by the template.
public struct FormRow: Sendable, Equatable {
    /// Path inside the event (`properties/user_email`).
    public var path: JSONPointer
    /// Nesting depth for indentation (0 for top-level keys).
    public var depth: Int
    public var spec: FieldSpec?
    /// The value in the draft; nil when the field is not set.
    public var value: JSONValue?
    /// True for objects shown as a heading with child rows.
    public var isContainer: Bool

    public var label: String { path.last ?? "" }
    public var isRequired: Bool { spec?.requirement.isRequired ?? false }

    /// The type shown in the type column: the spec's, or the value's own for custom properties.
    public var typeName: String {
        if let spec { return spec.type.rawValue }
        return value?.typeName ?? "?"
    }

    /// The kind of editing this row takes.
    public var editKind: FieldType {
        if let spec { return spec.type }
        switch value {
        case .bool?: return .boolean
        case .number(let n)?: return n.isInteger ? .integer : .number
        case .array?: return .array
        case .object?: return .object
        default: return .string
        }
    }
}

/// Builds form rows from an event and its template: present keys in written order, then planned fields not yet set.
public enum FormRows {
    public static func rows(event: JSONValue, template: EventTemplate?) -> [FormRow] {
        var rows: [FormRow] = []
        walk(event, path: JSONPointer(), depth: 0, template: template, into: &rows)
        guard let template else { return rows }
        for spec in template.fields {
            let present = ([spec.path] + spec.aliases).contains { event[pointer: $0] != nil }
            if present { continue }
            // Insert after the last row inside the same container, so planned fields sit with their siblings.
            let parent = spec.path.parent ?? JSONPointer()
            let anchor = rows.lastIndex { $0.path.hasPrefix(parent) && $0.path != parent && !parent.tokens.isEmpty }
                ?? rows.lastIndex { $0.path == parent }
            let row = FormRow(path: spec.path, depth: spec.path.tokens.count - 1, spec: spec, value: nil, isContainer: false)
            if let anchor { rows.insert(row, at: anchor + 1) } else { rows.append(row) }
        }
        return rows
    }

    private static func walk(_ value: JSONValue, path: JSONPointer, depth: Int, template: EventTemplate?, into rows: inout [FormRow]) {
        guard case .object(let obj) = value else { return }
        for m in obj {
            let p = path.appending(m.key)
            let spec = template?.field(at: p)
            if case .object(let child) = m.value, spec?.type != .object {
                rows.append(FormRow(path: p, depth: depth, spec: spec, value: m.value, isContainer: true))
                if !child.isEmpty { walk(m.value, path: p, depth: depth + 1, template: template, into: &rows) }
            } else {
                rows.append(FormRow(path: p, depth: depth, spec: spec, value: m.value, isContainer: false))
            }
        }
    }
}
