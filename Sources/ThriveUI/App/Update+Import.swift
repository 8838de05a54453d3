import Foundation
import ThriveCore

// Imports: the `o` prompt (listing and reading are effects), pasted curl / JSON / NDJSON, and the key that may
// come with a paste. Whatever the source, an import becomes a new batch draft, asking first over a changed one.

func openPathPrompt(_ state: inout AppState) -> [Effect] {
    state.openPrompt = OpenPrompt()
    state.status = StatusMessage("open: a JSON, NDJSON, HAR or curl file (Tab completes, ~ is your home); Enter opens, Esc cancels")
    return []
}

/// Keys in the path prompt: Tab asks the runner for the typed folder's entries; Enter asks it to read the file.
func handlePathPromptAction(_ state: inout AppState, _ action: Action) -> [Effect] {
    guard var p = state.openPrompt else { return [] }
    switch action {
    case .dismiss:
        state.openPrompt = nil
        state.status = StatusMessage(p.purpose == .open ? "open cancelled" : "nothing written")
    case .confirm:
        let path = p.editor.text.trimmingCharacters(in: .whitespaces)
        guard !path.isEmpty else {
            state.status = StatusMessage("type a path first (Tab completes)", .warning)
            return []
        }
        state.openPrompt = nil
        switch p.purpose {
        case .open:
            state.status = StatusMessage("reading \(path)…")
            return [.importFile(path: path)]
        case .save(let contents, let what):
            state.status = StatusMessage("writing \(path)…")
            return [.writeFile(path: path, contents: contents, what: what)]
        case .exportHistory(let format):
            state.status = StatusMessage("exporting the history to \(path)…")
            return [.exportHistory(path: path, format: format)]
        }
    case .complete:
        p.tabs += 1
        if p.editor.text == "~" { p.editor = LineEditor(text: "~/") }  // as shells do: the home folder, then its entries
        p.awaiting = p.editor.text
        state.openPrompt = p
        return [.listDirectory(PathCompletion.split(p.editor.text).directory)]
    default:
        guard p.editor.apply(action) else { return [] }
        p.tabs = 0
        p.awaiting = nil
        state.openPrompt = p
    }
    return []
}

func insertPathText(_ state: inout AppState, _ text: String) {
    guard var p = state.openPrompt else { return }
    p.editor.insert(text)
    p.tabs = 0
    p.awaiting = nil
    state.openPrompt = p
}

/// A listing for Tab: completes the name as far as the entries agree; with nothing to add, the second Tab in a
/// row lists the choices in the status line. A listing for text the person has since changed is dropped.
func directoryListed(_ state: inout AppState, directory: String, result: Result<[String], EventImportError>) -> [Effect] {
    guard var p = state.openPrompt, let asked = p.awaiting, asked == p.editor.text,
          PathCompletion.split(asked).directory == directory else { return [] }
    p.awaiting = nil
    switch result {
    case .failure(let e):
        state.status = StatusMessage(e.message, .error)
    case .success(let entries):
        switch PathCompletion.complete(asked, entries: entries) {
        case .noMatch:
            let prefix = PathCompletion.split(asked).prefix
            state.status = StatusMessage("nothing in \(directory.isEmpty ? "this folder" : directory) starts with “\(prefix)”", .warning)
        case .complete(let text):
            p.editor = LineEditor(text: text)
            // Still more than one match: as in bash, the next Tab lists them.
            p.tabs = PathCompletion.candidates(entries, prefix: PathCompletion.split(text).prefix).count > 1 ? 1 : 0
            state.status = StatusMessage(text.hasSuffix("/") ? "Tab again lists the folder" : "Enter opens \(text)")
        case .ambiguous(let names):
            state.status = p.tabs >= 2 ? StatusMessage("\(names.count) choices: " + names.joined(separator: "  "))
                : StatusMessage("\(names.count) choices: Tab again lists them")
        }
    }
    state.openPrompt = p
    return []
}

func fileImported(_ state: inout AppState, path: String, result: Result<ImportedSet, EventImportError>) -> [Effect] {
    switch result {
    case .failure(let e): state.status = StatusMessage("not opened: \(e.message)", .error)
    case .success(let set): offerImport(&state, set, origin: .file(path: path))
    }
    return []
}

/// A bracketed paste outside a text field: a curl command, JSON or NDJSON becomes a draft; other text is refused
/// as before, so stray pasted keys press nothing.
func pasteImport(_ state: inout AppState, _ text: String) -> [Effect] {
    let set = EventImport.parse(text, name: "pasted text")
    let format = set.formats.first ?? .json
    guard !set.events.isEmpty || format == .curl else {
        state.status = StatusMessage("paste ignored: open a field with Enter (or raw mode with F2) first; a pasted curl, JSON or NDJSON becomes a draft", .warning)
        return []
    }
    offerImport(&state, set, origin: .paste(format))
    return []
}

func offerImport(_ state: inout AppState, _ set: ImportedSet, origin: ImportOrigin) {
    guard !set.events.isEmpty else {
        let why = set.problems.first.map { ": " + problemWords($0) } ?? ""
        state.status = StatusMessage("no events in \(origin.name)\(why)", .error)
        return
    }
    if state.composer.hasUnsavedWork {
        state.pendingImport = PendingImport(set: set, origin: origin)
        state.overlay = .confirmDiscard(.imported(name: origin.name, events: set.events.count))
        return
    }
    applyImport(&state, set, origin: origin)
}

/// The set becomes the draft. A draft goes to one endpoint: events for another are left out and counted (the
/// `replay` command sends a mixed file whole).
func applyImport(_ state: inout AppState, _ set: ImportedSet, origin: ImportOrigin) {
    state.pendingImport = nil
    guard let endpoint = set.events.first?.endpoint else { return }
    let events = set.events.filter { $0.endpoint == endpoint }
    state.composer.load(imported: events, endpoint: endpoint)
    state.importedBatch = ImportedBatch(name: origin.name, problems: set.problems)
    state.foundKey = set.foundKeys.first.map(FoundKey.init)
    state.focus = .form
    state.overlay = nil
    var parts = ["loaded \(events.count) event\(events.count == 1 ? "" : "s") from \(origin.name)"]
    if let first = set.problems.first {
        let unit = first.position.entry != nil ? "entry" : (first.position.line != nil ? "line" : "part")
        let n = set.problems.count
        let units = n == 1 ? unit : (unit == "entry" ? "entries" : unit + "s")
        parts.append("\(n) \(units) set aside (\(problemWords(first)))")
    }
    let leftOut = set.events.count - events.count
    if leftOut > 0 { parts.append("\(leftOut) event\(leftOut == 1 ? "" : "s") for another endpoint left out (a draft sends to \(endpoint.path))") }
    let kind: StatusMessage.Kind = set.problems.isEmpty && leftOut == 0 ? .success : .warning
    if state.foundKey != nil {
        // The key's presence is all that is ever said about it.
        state.status = StatusMessage("\(origin.name) had an API key: K uses it for this run, anything else ignores it · " + parts[0], .warning)
    } else {
        state.status = StatusMessage(parts.joined(separator: "; "), kind)
    }
    if events.count > 1 { openBatchView(&state) }
}

/// "line 13: expected ',' or '}'": a set-aside part as the UI names it.
func problemWords(_ p: ImportProblem) -> String {
    (p.position.shortWords.map { $0 + ": " } ?? "") + p.message
}

/// `K`: the key that came with the import becomes this run's key. Never stored: the destination lives in memory,
/// and history keeps requests with keys masked. The sandbox is never sent it (see `Destination`).
func useFoundKey(_ state: inout AppState) -> [Effect] {
    guard let key = state.foundKey else {
        state.status = StatusMessage("no API key came with an import: K uses one that comes with a pasted curl", .info)
        return []
    }
    state.destination.apiKey = key.value
    state.foundKey = nil
    state.status = state.destination.isSandbox
        ? StatusMessage("the pasted key is this run's key; the sandbox still gets its own, never a real one", .success)
        : StatusMessage("sends to \(state.badge) use the pasted key for this run; it is never stored", .warning)
    return []
}
