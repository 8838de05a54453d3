import Foundation
import TerminalScreen
import ThriveCore

extension ComposerState {
    /// Handles a key while the form has focus: open editors get the raw key, rows get the key's action.
    public mutating func handleFormKey(_ key: Key, pageHeight: Int) -> StatusMessage? {
        if prompt != nil { return handlePromptKey(key) }
        if edit != nil { return handleEditKey(key) }
        guard let action = Keymap.action(for: key, in: .form) else { return nil }
        return handleFormAction(action, key: key, pageHeight: pageHeight)
    }

    /// Applies a key-table action to the selected row. `key` only tells Space (which also opens text
    /// fields) from the arrows that share its action.
    public mutating func handleFormAction(_ action: Action, key: Key, pageHeight: Int) -> StatusMessage? {
        if prompt != nil || edit != nil { return handleFormKey(key, pageHeight: pageHeight) }
        guard let row = selectedRow else {
            if action == .addProperty { startAddProperty() }
            return nil
        }
        let cycles = row.editKind == .boolean || row.editKind == .enum
        switch action {
        case .up: moveSelection(-1)
        case .down: moveSelection(1)
        case .pageUp: moveSelection(-max(1, pageHeight - 1))
        case .pageDown: moveSelection(max(1, pageHeight - 1))
        case .top: selection = 0
        case .bottom: selection = max(0, rows.count - 1)
        case .select: return activate(row)
        case .toggleValue:
            if cycles { return cycle(row, by: 1) }
            if key == .char(" ") { return activate(row) }
        case .previousValue:
            if cycles { return cycle(row, by: -1) }
        case .now:
            guard row.editKind == .dateTime || row.editKind == .date else { return StatusMessage("n sets the current time on date-time fields") }
            set(.string(row.editKind == .date ? Timestamp.formatDate(drafts.now()) : Timestamp.format(drafts.now())), at: row.path)
            return StatusMessage("\(row.path.dotted) set to now", .success)
        case .newUUID:
            guard row.editKind == .string, isIdField(row) else { return StatusMessage("u makes a fresh UUID on id fields") }
            set(.string(drafts.uuid()), at: row.path)
            return StatusMessage("\(row.path.dotted): new UUID", .success)
        case .addProperty: startAddProperty()
        case .removeProperty:
            guard row.value != nil else { return nil }
            set(nil, at: row.path)
            return StatusMessage("removed \(row.path.dotted)" + (row.isRequired ? " (it is required: validation will flag it)" : ""), .warning)
        case .applyFix:
            guard let fix = findings(for: row).compactMap(\.fix).first else { return StatusMessage("no automatic fix for this field") }
            apply(fix)
            return StatusMessage("fixed: \(fix.summary)", .success)
        case .nextEvent: return switchEvent(1)
        case .previousEvent: return switchEvent(-1)
        default: break
        }
        return nil
    }

    private mutating func moveSelection(_ delta: Int) {
        guard !rows.isEmpty else { return }
        selection = min(max(0, selection + delta), rows.count - 1)
    }

    private mutating func switchEvent(_ delta: Int) -> StatusMessage? {
        let count = body.arrayValue?.count ?? 1
        guard count > 1 else { return StatusMessage("the batch has one event") }
        eventIndex = (eventIndex + delta + count) % count
        selection = 0
        refresh()
        return StatusMessage("event \(eventIndex + 1) of \(count)")
    }

    private func isIdField(_ row: FormRow) -> Bool {
        row.spec?.generator == .uuid || row.spec?.generator == .copy || row.label == "id" || row.label.hasSuffix("_id")
    }

    /// Enter on a row: toggle booleans, cycle enums... and open the line editor for everything typed.
    /// `blank` opens the editor empty: a just-added property holds only a placeholder (0, "") the user replaces.
    private mutating func activate(_ row: FormRow, blank: Bool = false) -> StatusMessage? {
        if row.isContainer { return StatusMessage("\(row.label) is an object: edit its fields below, or press a to add one") }
        if row.editKind == .boolean { return cycle(row, by: 1) }
        let text: String
        switch row.value {
        case _ where blank: text = ""
        case .string(let s)?: text = s
        case nil: text = ""
        case let v?: text = v.compact()
        }
        edit = FieldEdit(path: row.path, line: LineEditor(text: text), error: nil)
        return nil
    }

    private mutating func cycle(_ row: FormRow, by delta: Int) -> StatusMessage? {
        if row.editKind == .boolean {
            set(.bool(!(row.value?.boolValue ?? false)), at: row.path)
            return nil
        }
        let values = row.spec?.allowedValues ?? []
        guard !values.isEmpty else { return nil }
        let current = row.value?.stringValue.flatMap { values.firstIndex(of: $0) } ?? (delta > 0 ? -1 : 0)
        set(.string(values[(current + delta + values.count) % values.count]), at: row.path)
        return nil
    }

    private mutating func handleEditKey(_ key: Key) -> StatusMessage? {
        guard var e = edit else { return nil }
        switch key {
        case .escape:
            edit = nil
            return StatusMessage("edit cancelled")
        case .enter, .tab:
            let row = rows.first { $0.path == e.path }
            switch parse(e.line.text, kind: row?.editKind ?? .string, hadValue: row?.value) {
            case .success(let value):
                edit = nil
                set(value, at: e.path)
                if key == .tab { moveSelection(1) }
                // Replaces any earlier "not a number" complaint still on the status line.
                return StatusMessage("\(e.path.dotted) set", .success)
            case .failure(let err):
                e.error = err.message
                edit = e
                return StatusMessage(err.message + " (your text is kept; Esc cancels)", .error)
            }
        default:
            _ = e.line.handle(key)
            e.error = nil
            edit = e
        }
        return nil
    }

    /// Pastes arrive as one event; they go to whichever editor is open.
    public mutating func paste(_ text: String) {
        if var e = edit { e.line.insert(text); edit = e } else if var p = prompt { p.name.insert(text); prompt = p }
    }

    /// Typed text to a JSON value by the field's type; numbers must be numbers, objects must parse.
    func parse(_ text: String, kind: FieldType, hadValue: JSONValue?) -> Result<JSONValue, StringError> {
        switch kind {
        case .string, .dateTime, .date, .enum:
            if hadValue == nil || hadValue?.stringValue != nil { return .success(.string(text)) }
            return parseJSON(text)
        case .number, .integer:
            guard let n = JSONNumber(literal: text.trimmingCharacters(in: .whitespaces)) else {
                return .failure(StringError("\"\(text)\" is not a number"))
            }
            if kind == .integer && !n.isInteger { return .failure(StringError("\"\(text)\" is not a whole number")) }
            return .success(.number(n))
        case .boolean:
            switch text.lowercased() {
            case "true", "yes", "1": return .success(.bool(true))
            case "false", "no", "0": return .success(.bool(false))
            default: return .failure(StringError("type true or false"))
            }
        case .array, .object:
            let r = parseJSON(text)
            if case .success(let v) = r, kind == .array, v.arrayValue == nil { return .failure(StringError("expected a JSON array like [\"a\", \"b\"]")) }
            if case .success(let v) = r, kind == .object, v.objectValue == nil { return .failure(StringError("expected a JSON object like {\"k\": \"v\"}")) }
            return r
        }
    }

    private func parseJSON(_ text: String) -> Result<JSONValue, StringError> {
        do { return .success(try JSONParser.parse(text)) } catch {
            return .failure(StringError("not valid JSON at column \(error.column): \(error.message)"))
        }
    }

    // MARK: - Add property

    public mutating func startAddProperty() {
        prompt = AddPrompt(name: LineEditor(text: ""), typeIndex: 0)
    }

    /// The container new properties go into: the object the cursor is in (`context` too), else properties
    /// for track and traits for identify and group.
    public var defaultContainer: String {
        if let row = selectedRow, let top = row.path.tokens.first, ["properties", "traits", "context"].contains(top),
           endpoint.knownKeys.contains(top), row.isContainer || row.path.tokens.count > 1 {
            return top
        }
        return endpoint == .track ? "properties" : "traits"
    }

    private mutating func handlePromptKey(_ key: Key) -> StatusMessage? {
        guard var p = prompt else { return nil }
        switch key {
        case .escape: prompt = nil
        case .tab, .down: p.typeIndex = (p.typeIndex + 1) % AddPrompt.types.count; prompt = p
        case .backTab, .up: p.typeIndex = (p.typeIndex + AddPrompt.types.count - 1) % AddPrompt.types.count; prompt = p
        case .enter:
            let name = p.name.text.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { return StatusMessage("type a property name first", .error) }
            let topLevel = endpoint.knownKeys.contains(name.split(separator: ".").first.map(String.init) ?? "")
            let path = JSONPointer(dotted: topLevel ? name : "\(defaultContainer).\(name)")
            if event[pointer: path] != nil { return StatusMessage("\(path.dotted) already exists", .error) }
            let value = DraftFactory.emptyValue(for: FieldSpec(path: path, type: p.type))
            prompt = nil
            set(value, at: path)
            if let i = rows.firstIndex(where: { $0.path == path }) {
                selection = i
                if p.type != .boolean, p.type != .object, p.type != .array { _ = activate(rows[i], blank: true) }
            }
            return StatusMessage("added \(path.dotted)", .success)
        default:
            _ = p.name.handle(key)
            prompt = p
        }
        return nil
    }
}

/// A message as an Error, for Result-returning parsers.
public struct StringError: Error, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
