import Foundation
import TerminalScreen
import ThriveCore

func handleHistoryAction(_ state: inout AppState, _ action: Action) -> [Effect] {
    if state.history.scroll.apply(action) { return [] }
    switch action {
    case .openDetail:
        if let e = state.history.selectedEntry { state.openDetail(id: e.id) }
    case .replay:
        guard let e = state.history.selectedEntry else { return [] }
        if state.composer.hasUnsavedWork {
            state.overlay = .confirmDiscard(.replay(id: e.id))
        } else {
            replay(&state, e)
        }
    default: break
    }
    return []
}

func replay(_ state: inout AppState, _ e: HistoryEntry) {
    state.composer.load(body: e.requestBody, endpoint: e.endpoint)
    state.focus = .form
    state.status = StatusMessage("loaded the \(e.eventNames.first ?? e.endpoint.rawValue) request from \(Timestamp.format(e.sentAt)): edit and ^S to resend", .info)
}
