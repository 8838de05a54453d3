import Foundation
import ThriveCore

// `e`: the draft in the person's own editor. The runtime suspends the screen, runs $VISUAL / $EDITOR on a
// temporary file and hands back the text; whatever comes back is kept. Text that does not parse lands in the
// raw editor with the reason, never thrown away.

/// How the draft was written out for the editor, so the answer is read the same way.
public enum ExternalTextKind: Sendable, Equatable {
    /// One event as a pretty JSON object, or the raw editor's text as it stands.
    case json
    /// A batch: one compact event per line.
    case ndjson
}

func editExternally(_ state: inout AppState) -> [Effect] {
    if state.composer.edit != nil || state.composer.prompt != nil {
        state.status = StatusMessage("finish the field you are editing first (Enter keeps it, Esc drops it)", .warning)
        return []
    }
    let c = state.composer
    let kind: ExternalTextKind
    let text: String
    if c.mode == .raw {
        kind = state.rawHoldsNDJSON ? .ndjson : .json
        text = c.raw.text
    } else if c.eventCount > 1 || state.importedBatch != nil {
        kind = .ndjson
        text = c.events.map { $0.compact() }.joined(separator: "\n") + "\n"
    } else {
        kind = .json
        text = (c.events.first ?? c.body).pretty() + "\n"
    }
    state.externalEdit = ExternalEdit(kind: kind, original: text)
    state.status = StatusMessage("editing in your editor…")
    return [.editExternally(text: text, fileExtension: kind == .ndjson ? "ndjson" : "json")]
}

/// What an outside edit started from.
public struct ExternalEdit: Sendable, Equatable {
    public var kind: ExternalTextKind
    public var original: String
}

func externalEditFinished(_ state: inout AppState, _ result: Result<String, UIError>) -> [Effect] {
    guard let edit = state.externalEdit else { return [] }
    state.externalEdit = nil
    let text: String
    switch result {
    case .failure(let e):
        state.status = StatusMessage("the editor did not run: \(e.message)", .error)
        return []
    case .success(let t): text = t
    }
    if text == edit.original, state.composer.mode != .raw {
        state.status = StatusMessage("no changes from the editor")
        return []
    }
    state.focus = .form
    var body = text
    if edit.kind == .ndjson {
        // The one import reader, as for a file: the same lines are events and the same lines are problems.
        let set = EventImport.parse(text, name: "the edited NDJSON")
        if let problem = set.problems.first {
            keepInRawEditor(&state, text, ndjson: true)
            let at = problem.position.line.map { "line \($0) of the edited NDJSON" } ?? "the edited NDJSON"
            state.status = StatusMessage("\(at): \(problem.message); the text is in the raw editor, nothing lost (M-e edits it again)", .error)
            return []
        }
        body = JSONValue.array(set.events.map(\.event)).pretty()
    }
    keepInRawEditor(&state, body, ndjson: false)
    if let e = state.composer.rawError {
        state.status = StatusMessage("the edited JSON does not parse (line \(e.line), column \(e.column): \(e.message)); it is in the raw editor, nothing lost", .error)
        return []
    }
    _ = state.composer.toggleMode()
    let n = state.composer.eventCount
    state.status = StatusMessage("took the editor's text: \(n) event\(n == 1 ? "" : "s")", .success)
    return []
}

/// Puts `text` in the raw editor as is; `ndjson` remembers that it is NDJSON for the next `e`.
private func keepInRawEditor(_ state: inout AppState, _ text: String, ndjson: Bool) {
    if state.composer.mode != .raw { _ = state.composer.toggleMode() }
    state.composer.raw = TextArea(text: text)
    state.composer.rawTextChanged()
    state.rawHoldsNDJSON = ndjson
}
