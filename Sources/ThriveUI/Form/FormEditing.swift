import Foundation
import TerminalScreen
import ThriveCore

extension ComposerState {
    /// Applies a form action to the selected row. `key` only tells Space (which also opens text fields)
    /// from the arrows that share its action; `drafts` supplies the time and fresh ids.
    public mutating func handleFormAction(_ action: Action, key: Key, drafts: DraftFactory) -> StatusMessage? {
        if formScroll.apply(action) { return nil }
        guard let row = selectedRow else {
            if action == .addProperty { startAddProperty() }
            return nil
        }
        let cycles = row.editKind == .boolean || row.editKind == .enum
        switch action {
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
        case .fixAll:
            guard let finding = findings(for: row).first(where: { $0.fix != nil }) else { return StatusMessage("no automatic fix for this field") }
            return fixEverywhere(like: finding)
        case .nextEvent: return switchEvent(1)
        case .previousEvent: return switchEvent(-1)
        default: break
        }
        return nil
    }

    private mutating func switchEvent(_ delta: Int) -> StatusMessage? {
        let count = eventCount
        guard count > 1 else { return StatusMessage("the batch has one event") }
        show(event: (eventIndex + delta + count) % count)
        return StatusMessage("\(label(event: eventIndex)) of \(count)")
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

    // MARK: - A field being edited

    /// An action while a field's line editor is open (the keymap's `field` and `textEditing` scopes).
    mutating func handleEditAction(_ action: Action) -> StatusMessage? {
        guard var e = edit else { return nil }
        switch action {
        case .dismiss:
            edit = nil
            return StatusMessage("edit cancelled")
        case .confirm, .keepAndNext:
            let row = rows.first { $0.path == e.path }
            switch FieldValueParser.parse(e.line.text, as: row?.editKind ?? .string, current: row?.value) {
            case .success(let value):
                edit = nil
                set(value, at: e.path)
                if action == .keepAndNext { formScroll.move(1) }
                // Replaces any earlier "not a number" complaint still on the status line.
                return StatusMessage("\(e.path.dotted) set", .success)
            case .failure(let err):
                e.error = err.message
                edit = e
                return StatusMessage(err.message + " (your text is kept; Esc cancels)", .error)
            }
        default:
            if e.line.apply(action) { e.error = nil; edit = e }
        }
        return nil
    }

    /// Typed or pasted text goes to whichever editor is open.
    public mutating func insert(_ text: String) {
        if var e = edit { e.line.insert(text); e.error = nil; edit = e } else if var p = prompt { p.name.insert(text); prompt = p }
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

    /// An action while the add-property prompt is open.
    mutating func handlePromptAction(_ action: Action) -> StatusMessage? {
        guard var p = prompt else { return nil }
        let types = AddPrompt.types.count
        switch action {
        case .dismiss: prompt = nil
        case .nextType: p.typeIndex = (p.typeIndex + 1) % types; prompt = p
        case .previousType: p.typeIndex = (p.typeIndex + types - 1) % types; prompt = p
        case .confirm:
            let name = p.name.text.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { return StatusMessage("type a property name first", .error) }
            let topLevel = endpoint.knownKeys.contains(name.split(separator: ".").first.map(String.init) ?? "")
            let path = JSONPointer(dotted: topLevel ? name : "\(defaultContainer).\(name)")
            guard path.tokens.count <= JSONPointer.maxLength else {
                return StatusMessage("the name has \(path.tokens.count) parts; at most \(JSONPointer.maxLength) are allowed", .error)
            }
            if event[pointer: path] != nil { return StatusMessage("\(TextPreview.short(path.dotted)) already exists", .error) }
            let value = DraftFactory.emptyValue(for: FieldSpec(path: path, type: p.type))
            prompt = nil
            set(value, at: path)
            if let i = rows.firstIndex(where: { $0.path == path }) {
                selection = i
                if p.type != .boolean, p.type != .object, p.type != .array { _ = activate(rows[i], blank: true) }
            }
            return StatusMessage("added \(path.dotted)", .success)
        default:
            if p.name.apply(action) { prompt = p }
        }
        return nil
    }
}
