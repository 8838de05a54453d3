import Foundation
import TerminalScreen
import ThriveCore

/// Help scrolls with the navigation keys; any other key closes it.
func handleHelpAction(_ state: inout AppState, _ action: Action?) -> [Effect] {
    guard case .help(var o)? = state.overlay, let action, o.scroll.apply(action) else {
        state.overlay = nil
        return []
    }
    state.overlay = .help(o)
    return []
}

func handleDetailAction(_ state: inout AppState, _ action: Action?) -> [Effect] {
    guard case .detail(let id, var o)? = state.overlay, let action else { return [] }
    if o.scroll.apply(action) {
        state.overlay = .detail(id: id, o)
        return []
    }
    switch action {
    case .replay:
        state.overlay = nil
        return handleHistoryAction(&state, .replay)
    case .close: state.overlay = nil
    default: break
    }
    return []
}

/// Yes/no questions: the send confirmation and the discard question. Other keys are ignored.
func handleDialogAction(_ state: inout AppState, _ action: Action?) -> [Effect] {
    guard action == .yes || action == .no, let overlay = state.overlay else { return [] }
    state.overlay = nil
    let yes = action == .yes
    switch overlay {
    case .confirmSend:
        if yes { return requestSend(&state, confirmed: true) }
        state.status = StatusMessage("not sent", .info)
    case .confirmDiscard(let pending):
        guard yes else {
            state.status = StatusMessage("kept your draft", .info)
            return []
        }
        switch pending {
        case .template(let name):
            if let t = state.catalogue.template(named: name) { loadTemplate(&state, t) }
        case .replay(let id):
            if let e = state.history.entry(id: id) { replay(&state, e) }
        }
    default: break
    }
    return []
}
