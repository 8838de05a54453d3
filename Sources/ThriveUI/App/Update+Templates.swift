import Foundation
import TerminalScreen
import ThriveCore

func handlePickerAction(_ state: inout AppState, _ action: Action) -> [Effect] {
    switch action {
    case .filter:
        state.picker.filtering = true
        state.status = StatusMessage("filter: type to narrow the list, Enter picks, Esc clears")
    case .select: selectTemplate(&state)
    default: state.picker.apply(action)
    }
    return []
}

func handleFilterAction(_ state: inout AppState, _ action: Action) -> [Effect] {
    switch action {
    case .dismiss:
        state.picker.filtering = false
        state.picker.setFilter("")
        state.status = nil
    case .confirm:
        state.picker.filtering = false
        selectTemplate(&state)
    case .deleteBackward:
        state.picker.setFilter(String(state.picker.filter.dropLast()))
    case .up, .down:
        state.picker.apply(action)
    default: break
    }
    return []
}

func selectTemplate(_ state: inout AppState) {
    guard let t = state.picker.selectedTemplate else {
        state.status = StatusMessage("no template matches \"\(state.picker.filter)\"", .warning)
        return
    }
    if state.composer.hasUnsavedWork {
        state.overlay = .confirmDiscard(.template(name: t.name))
        return
    }
    loadTemplate(&state, t)
}

func loadTemplate(_ state: inout AppState, _ t: EventTemplate) {
    state.withDrafts { c, drafts in c.load(template: t, drafts: drafts) }
    state.importedBatch = nil
    state.foundKey = nil
    state.focus = .form
    let keys = state.keymap
    state.status = StatusMessage("new \(t.name) draft: \(keys.keyLabel(.select, in: .pane(.form))) edits a field, \(keys.keyLabel(.send, in: .typing)) sends", .info)
}
