import Foundation
import TerminalScreen
import ThriveCore

/// The draft being composed: its body, the form over one event, the raw JSON editor, and live findings.
public struct ComposerState: Sendable {
    /// Form rows or raw JSON text.
    public enum Mode: Sendable, Equatable { case form, raw }

    /// A field being edited in place.
    public struct FieldEdit: Sendable {
        public var path: JSONPointer
        public var line: LineEditor
        /// Why the last commit was refused (the text stays as typed).
        public var error: String?
    }

    /// The "add property" prompt: a name (dotted paths allowed) and a type.
    public struct AddPrompt: Sendable {
        public var name: LineEditor
        public var typeIndex: Int
        public static let types: [FieldType] = [.string, .number, .boolean, .dateTime, .array, .object]
        public var type: FieldType { AddPrompt.types[typeIndex] }
    }

    public let catalogue: TemplateCatalogue
    public let drafts: DraftFactory
    public private(set) var template: EventTemplate?
    public private(set) var endpoint: Endpoint = .track
    /// The request body, always an array of events.
    public private(set) var body: JSONValue = .array([])
    /// Which event of the batch the form shows.
    public var eventIndex = 0
    public var mode: Mode = .form
    public private(set) var rows: [FormRow] = []
    public var selection = 0
    /// First field row shown; moves only when the selection would leave the view (see `FormView.geometry`).
    public var scroll = 0
    public var edit: FieldEdit?
    public var prompt: AddPrompt?
    public var raw = TextArea(text: "")
    /// The raw text's parse error; while set, `body` keeps the last text that parsed.
    public private(set) var rawError: JSONParseError?
    public private(set) var findings: [Finding] = [] {
        didSet { errorCount = findings.filter { $0.severity == .error }.count }
    }
    /// True once the user changed the draft since it was loaded; replacing it then asks first.
    public private(set) var isEdited = false
    public var previewScroll = 0

    init(catalogue: TemplateCatalogue, drafts: DraftFactory) {
        self.catalogue = catalogue
        self.drafts = drafts
    }

    /// Work that replacing the draft would throw away: changes, an open field editor, raw text that does not parse.
    public var hasUnsavedWork: Bool { isEdited || edit != nil || (mode == .raw && rawError != nil) }

    /// True while keys go to a text editor (so `q` types a q instead of quitting).
    public var isTextEntry: Bool { edit != nil || prompt != nil || mode == .raw }

    public var event: JSONValue { body.arrayValue.flatMap { $0.indices.contains(eventIndex) ? $0[eventIndex] : nil } ?? .object(JSONObject()) }

    public var selectedRow: FormRow? { rows.indices.contains(selection) ? rows[selection] : nil }

    /// Findings for one row's path (or below it, for containers).
    public func findings(for row: FormRow) -> [Finding] {
        let p = JSONPointer([String(eventIndex)]).appending(row.path)
        return findings.filter { $0.path == p || (row.isContainer && $0.path.hasPrefix(p)) }
    }

    /// Counted when findings change (every body change), not on each of the several reads per frame.
    public private(set) var errorCount = 0
    public var warningCount: Int { findings.count - errorCount }

    // MARK: - Loading

    /// Starts a new draft from a template.
    public mutating func load(template t: EventTemplate) {
        template = t
        endpoint = t.endpoint
        eventIndex = 0
        selection = 0
        scroll = 0
        edit = nil
        prompt = nil
        mode = .form
        rawError = nil
        replaceBody(drafts.makeBody(t), syncRaw: true)
        isEdited = false
        // Start on the first field worth typing into: a required string with an example or empty value.
        selection = rows.firstIndex { !$0.isContainer && $0.path.tokens.first != "event_name" && $0.path.tokens.count > 1 && $0.isRequired } ?? 0
    }

    /// Loads an existing body (a history replay or an import); the template is matched by event name.
    public mutating func load(body newBody: JSONValue, endpoint ep: Endpoint) {
        endpoint = ep
        let normalized = RequestBuilder.normalizedBody(newBody)
        template = normalized.arrayValue?.first.flatMap { catalogue.template(for: $0, endpoint: ep) }
        eventIndex = 0; selection = 0; scroll = 0; edit = nil; prompt = nil; mode = .form; rawError = nil
        replaceBody(normalized, syncRaw: true)
        isEdited = false
    }

    // MARK: - Changing the body

    /// Sets (or with nil removes) a value in the current event.
    public mutating func set(_ value: JSONValue?, at path: JSONPointer) {
        var b = body
        b.set(value, at: JSONPointer([String(eventIndex)]).appending(path))
        replaceBody(b, syncRaw: true)
        isEdited = true
    }

    /// Applies a finding's fix.
    public mutating func apply(_ fix: Fix) {
        var b = body
        if fix.apply(to: &b) { replaceBody(b, syncRaw: true); isEdited = true }
    }

    /// Takes the raw editor's text: parses it, keeping the text as typed whatever happens.
    public mutating func rawTextChanged() {
        isEdited = true
        do throws(JSONParseError) {
            let parsed = try JSONParser.parse(raw.text)
            rawError = nil
            replaceBody(RequestBuilder.normalizedBody(parsed), syncRaw: false)
        } catch {
            rawError = error
        }
    }

    public mutating func toggleMode() -> StatusMessage? {
        switch mode {
        case .form:
            edit = nil; prompt = nil
            raw = TextArea(text: body.pretty())
            rawError = nil
            mode = .raw
            return nil
        case .raw:
            if let e = rawError {
                return StatusMessage("fix the JSON first: line \(e.line), column \(e.column): \(e.message) (your text is kept)", .error)
            }
            mode = .form
            return nil
        }
    }

    private mutating func replaceBody(_ b: JSONValue, syncRaw: Bool) {
        body = b
        if let count = b.arrayValue?.count, eventIndex >= count { eventIndex = max(0, count - 1) }
        if endpoint == .track, template == nil || template?.eventName != event["event_name"]?.stringValue {
            template = catalogue.template(for: event, endpoint: endpoint) ?? (template?.endpoint == endpoint && template?.eventName == nil ? template : nil)
        }
        // Setting or removing a field can move its row (present fields come first); the cursor follows the
        // field, so the next key acts on the row the user was on.
        let selectedPath = selectedRow?.path
        rows = FormRows.rows(event: event, template: template)
        if let selectedPath, let i = rows.firstIndex(where: { $0.path == selectedPath }) { selection = i }
        if selection >= rows.count { selection = max(0, rows.count - 1) }
        findings = Validator(catalogue: catalogue).validate(body: body, endpoint: endpoint)
        if syncRaw && mode == .raw { raw = TextArea(text: b.pretty()) }
    }

    /// The body the preview shows: while a field is being typed, with the typed text in place when it is
    /// a valid value for the field, so the preview follows every keystroke before Enter commits it.
    public var previewBody: JSONValue {
        guard let e = edit, let row = rows.first(where: { $0.path == e.path }),
              case .success(let value) = parse(e.line.text, kind: row.editKind, hadValue: row.value) else { return body }
        var b = body
        b.set(value, at: JSONPointer([String(eventIndex)]).appending(e.path))
        return b
    }

    /// Rebuilds rows and findings for the current event (after switching events in a batch); not an edit.
    mutating func refresh() { replaceBody(body, syncRaw: false) }
}
