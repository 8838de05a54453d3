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
        return value?.typeName ?? (isContainer ? "object" : "?")
    }

    /// The kind of editing this row takes.
    public var editKind: FieldType {
        if let spec { return spec.type }
        switch value {
        case .bool?: return .boolean
        // Without a spec, 0 says nothing about the property being whole: any number is accepted.
        case .number?: return .number
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
            if !present { insertPlanned(spec.path, spec: spec, into: &rows) }
        }
        return rows
    }

    /// Inserts a row for a planned field that is not set, after the last row inside the same container, so
    /// it sits with its siblings. A missing container (an unset `context`) gets its own heading row first,
    /// so its fields never look like children of whatever row came before.
    private static func insertPlanned(_ path: JSONPointer, spec: FieldSpec?, into rows: inout [FormRow]) {
        let parent = path.parent ?? JSONPointer()
        if !parent.tokens.isEmpty, !rows.contains(where: { $0.path == parent }) {
            insertPlanned(parent, spec: nil, into: &rows)
        }
        let anchor = parent.tokens.isEmpty ? nil : rows.lastIndex { $0.path.hasPrefix(parent) }
        let row = FormRow(path: path, depth: path.tokens.count - 1, spec: spec, value: nil, isContainer: spec == nil)
        if let anchor { rows.insert(row, at: anchor + 1) } else { rows.append(row) }
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
