import Foundation
import TerminalScreen
import ThriveCore

/// The draft being composed: its body, the form over one event, the raw JSON editor, and live findings.
///
/// Findings, byte counts and form rows are worked out when the draft changes, and only for the event that
/// changed, so a keystroke in a 1,000-event batch costs the same as in a single event.
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
    /// The state's clock, for the validator's "in the future" check.
    var now: Date
    public private(set) var template: EventTemplate?
    public private(set) var endpoint: Endpoint = .track
    /// The request body, always an array of events.
    public private(set) var body: JSONValue = .array([])
    /// Which event of the batch the form shows.
    public private(set) var eventIndex = 0
    public var mode: Mode = .form
    public private(set) var rows: [FormRow] = []
    /// The form's rows on screen; its selection is the selected row.
    public internal(set) var formScroll = ScrollState(.list)
    public var edit: FieldEdit?
    public var prompt: AddPrompt?
    public var raw = TextArea(text: "")
    /// The raw text's parse error; while set, `body` keeps the last text that parsed.
    public private(set) var rawError: JSONParseError?
    /// Findings by event index, and those about the whole request (empty, too many events, too large).
    public private(set) var eventFindings: [[Finding]] = []
    public private(set) var batchFindings: [Finding] = []
    public private(set) var errorCount = 0
    public private(set) var warningCount = 0
    /// Compact byte size of each event, and of the whole request as sent.
    private var eventBytes: [Int] = []
    public private(set) var byteCount = 2
    /// Bumped for each event that changes, so caches (the preview) redo only those.
    public private(set) var eventRevisions: [Int] = []
    private var revisionCounter = 0
    /// True once the user changed the draft since it was loaded; replacing it then asks first.
    public private(set) var isEdited = false
    /// Where each event came from, for an imported draft (nil otherwise, or once raw edits change the count).
    public private(set) var sources: [EventSource]?

    init(catalogue: TemplateCatalogue, now: Date) {
        self.catalogue = catalogue
        self.now = now
    }

    public var events: [JSONValue] { body.arrayValue ?? [] }
    public var eventCount: Int { eventRevisions.count }

    /// Work that replacing the draft would throw away: changes, an open field editor, raw text that does not parse.
    public var hasUnsavedWork: Bool { isEdited || edit != nil || (mode == .raw && rawError != nil) }

    /// True while keys go to a text editor (so `q` types a q instead of quitting).
    public var isTextEntry: Bool { edit != nil || prompt != nil || mode == .raw }

    public var event: JSONValue {
        guard case .array(let a) = body, a.indices.contains(eventIndex) else { return .object(JSONObject()) }
        return a[eventIndex]
    }

    public var selection: Int {
        get { formScroll.selection }
        set { formScroll.select(newValue) }
    }

    public var selectedRow: FormRow? { rows.indices.contains(selection) ? rows[selection] : nil }

    /// Every finding, batch first: for the send confirmation, not for each frame.
    public var findings: [Finding] { batchFindings + eventFindings.flatMap { $0 } }

    /// Findings for one row's path (or below it, for containers), from the shown event's findings only.
    public func findings(for row: FormRow) -> [Finding] {
        guard eventFindings.indices.contains(eventIndex) else { return [] }
        let p = JSONPointer([String(eventIndex)]).appending(row.path)
        return eventFindings[eventIndex].filter { $0.path == p || (row.isContainer && $0.path.hasPrefix(p)) }
    }

    // MARK: - Loading

    /// Starts a new draft from a template.
    public mutating func load(template t: EventTemplate, drafts: DraftFactory) {
        template = t
        endpoint = t.endpoint
        sources = nil
        resetEditing()
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
        sources = nil
        resetEditing()
        replaceBody(normalized, syncRaw: true)
        isEdited = false
    }

    /// Loads imported events as a batch; each keeps its number and source position for the names the UI gives it.
    public mutating func load(imported events: [ImportedEvent], endpoint ep: Endpoint) {
        load(body: .array(events.map(\.event)), endpoint: ep)
        sources = events.map { EventSource(number: $0.number, position: $0.position) }
    }

    private mutating func resetEditing() {
        eventIndex = 0; formScroll = ScrollState(.list); edit = nil; prompt = nil; mode = .form; rawError = nil
    }

    // MARK: - Changing the body

    /// Sets (or with nil removes) a value in the current event.
    public mutating func set(_ value: JSONValue?, at path: JSONPointer) {
        guard case .array(var a) = body, a.indices.contains(eventIndex) else { return }
        body = .null  // so the array below is the only reference and is changed in place
        a[eventIndex].set(value, at: path)
        body = .array(a)
        isEdited = true
        eventChanged(eventIndex)
    }

    /// Applies a finding's fix: only the event it names is rechecked.
    public mutating func apply(_ fix: Fix) {
        var b = body
        guard fix.apply(to: &b) else { return }
        isEdited = true
        if let k = fix.path.tokens.first.flatMap({ Int($0) }), eventRevisions.indices.contains(k) {
            body = b
            eventChanged(k)
        } else {
            replaceBody(b, syncRaw: true)
        }
    }

    /// Applies many events' fixes (fix-all): each is applied inside its own event, then only those events are
    /// rechecked and the totals counted once, so fixing 10,000 events costs one pass, not one per event.
    /// - Returns: the number of events changed.
    public mutating func apply(fixes: [Fix]) -> Int {
        guard case .array(var a) = body else { return 0 }
        body = .null  // the array below is then the only reference, changed in place
        var changed: [Int] = []
        for fix in fixes {
            guard let k = fix.path.tokens.first.flatMap({ Int($0) }), a.indices.contains(k) else { continue }
            let inner = JSONPointer(Array(fix.path.tokens.dropFirst()))
            let local: Fix = switch fix {
            case .renameKey(_, let to): .renameKey(at: inner, to: to)
            case .setValue(_, let value): .setValue(at: inner, value: value)
            }
            if local.apply(to: &a[k]) { changed.append(k) }
        }
        body = .array(a)
        guard !changed.isEmpty else { return 0 }
        isEdited = true
        let validator = Validator(catalogue: catalogue)
        for k in changed {
            revisionCounter += 1
            eventRevisions[k] = revisionCounter
            eventBytes[k] = a[k].compactByteCount
            eventFindings[k] = validator.validate(event: a[k], endpoint: endpoint, at: JSONPointer([String(k)]), now: now)
        }
        recount()
        refreshRows()
        if mode == .raw { raw = TextArea(text: body.pretty()) }
        return Set(changed).count
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
            revisionCounter += 1  // the preview says it shows the last JSON that parsed
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

    /// Shows another event of the batch in the form.
    mutating func show(event index: Int) {
        eventIndex = index
        formScroll = ScrollState(.list)
        refreshRows()
    }

    /// The whole body is new: every event is rechecked.
    private mutating func replaceBody(_ b: JSONValue, syncRaw: Bool) {
        body = b
        let events = b.arrayValue ?? []
        if eventIndex >= events.count { eventIndex = max(0, events.count - 1) }
        if let s = sources, s.count != events.count { sources = nil }
        revisionCounter += 1
        eventRevisions = Array(repeating: revisionCounter, count: events.count)
        eventBytes = events.map(\.compactByteCount)
        eventFindings = Array(repeating: [], count: events.count)
        // Findings come event by event; those without an event index are the batch's, which recount() redoes.
        for f in Validator(catalogue: catalogue).validate(body: b, endpoint: endpoint, now: now) {
            if let k = f.path.tokens.first.flatMap({ Int($0) }), eventFindings.indices.contains(k) { eventFindings[k].append(f) }
        }
        recount()
        refreshRows()
        if syncRaw && mode == .raw { raw = TextArea(text: b.pretty()) }
    }

    /// One event changed: only it is rechecked, with the batch's size.
    private mutating func eventChanged(_ k: Int) {
        let e = events[k]
        revisionCounter += 1
        eventRevisions[k] = revisionCounter
        eventBytes[k] = e.compactByteCount
        let validator = Validator(catalogue: catalogue)
        eventFindings[k] = validator.validate(event: e, endpoint: endpoint, at: JSONPointer([String(k)]), now: now)
        recount()
        if k == eventIndex { refreshRows() }
        if mode == .raw { raw = TextArea(text: body.pretty()) }
    }

    private mutating func recount() {
        byteCount = 2 + eventBytes.reduce(0, +) + max(0, eventBytes.count - 1)
        batchFindings = Validator(catalogue: catalogue).batchFindings(eventCount: eventBytes.count, byteCount: byteCount)
        var errors = 0, total = batchFindings.count
        for f in batchFindings where f.severity == .error { errors += 1 }
        for list in eventFindings {
            total += list.count
            for f in list where f.severity == .error { errors += 1 }
        }
        errorCount = errors
        warningCount = total - errors
    }

    /// Rows for the shown event. Setting or removing a field can move its row (present fields come first);
    /// the cursor follows the field, so the next key acts on the row the user was on.
    private mutating func refreshRows() {
        if endpoint == .track, template == nil || template?.eventName != event["event_name"]?.stringValue {
            template = catalogue.template(for: event, endpoint: endpoint) ?? (template?.endpoint == endpoint && template?.eventName == nil ? template : nil)
        }
        let selectedPath = selectedRow?.path
        rows = FormRows.rows(event: event, template: template)
        formScroll.resize(count: rows.count)
        if let selectedPath, let i = rows.firstIndex(where: { $0.path == selectedPath }) { selection = i }
    }

    mutating func resizeForm(height: Int) { formScroll.resize(count: rows.count, height: height) }
}
