import Foundation
import TerminalScreen
import ThriveCore

/// Help scrolls with the navigation keys; any other key closes it.
func handleHelpAction(_ state: inout AppState, _ action: Action?) -> [Effect] {
    switch state.overlay {
    case .help(var o)?:
        guard let action, o.scroll.apply(action) else { break }
        state.overlay = .help(o)
        return []
    case .notes(let title, var o)?:
        guard let action, o.scroll.apply(action) else { break }
        state.overlay = .notes(title: title, o)
        return []
    default: break
    }
    state.overlay = nil
    return []
}

/// The details and compare overlays: scroll keys, `/` search with `n` / `N`, and close. A close with a search
/// showing closes the search first, so the highlights go before the overlay does.
func handleDetailAction(_ state: inout AppState, _ action: Action?) -> [Effect] {
    guard let overlay = state.overlay, var o = overlay.textOverlay, let action else { return [] }
    if o.scroll.apply(action) {
        state.overlay = overlay.replacing(o)
        return []
    }
    switch action {
    case .replay:
        guard case .detail = overlay else {
            state.status = StatusMessage("r replays from the details: Enter on an entry", .info)
            return []
        }
        state.overlay = nil
        return handleHistoryAction(&state, .replay)
    case .copyAs:
        return openCopyMenu(&state)
    case .search:
        o.openSearch()
        state.status = StatusMessage("search: type to find, Enter keeps it, Esc closes it", .info)
    case .nextMatch, .previousMatch:
        state.status = o.stepMatch(forward: action == .nextMatch)
    case .close:
        guard o.showsSearchLine else { state.overlay = nil; return [] }
        o.closeSearch()
        state.status = StatusMessage("search closed", .info)
    default: return []
    }
    state.overlay = overlay.replacing(o)
    return []
}

/// Keys while the overlay's search line is open: the text searches as it changes; Enter keeps, Esc closes.
func handleDetailSearchAction(_ state: inout AppState, _ action: Action) -> [Effect] {
    guard let overlay = state.overlay, var o = overlay.textOverlay, var editor = o.search?.editor else { return [] }
    switch action {
    case .confirm: state.status = o.keepSearch()
    case .dismiss:
        o.closeSearch()
        state.status = StatusMessage("search closed", .info)
    case .up, .down: o.scroll.apply(action)
    default:
        guard editor.apply(action) else { return [] }
        o.search?.editor = editor
        o.setQuery(editor.text)
    }
    state.overlay = overlay.replacing(o)
    return []
}

func insertDetailSearchText(_ state: inout AppState, _ text: String) {
    guard let overlay = state.overlay, var o = overlay.textOverlay, var editor = o.search?.editor else { return }
    editor.insert(text)
    o.search?.editor = editor
    o.setQuery(editor.text)
    state.overlay = overlay.replacing(o)
}

extension Overlay {
    /// The scrolling text of the overlays that share the details keys.
    var textOverlay: TextOverlay? {
        switch self {
        case .detail(_, let o), .compare(_, _, let o): return o
        default: return nil
        }
    }

    func replacing(_ o: TextOverlay) -> Overlay {
        switch self {
        case .detail(let id, _): return .detail(id: id, o)
        case .compare(let a, let b, _): return .compare(a: a, b: b, o)
        default: return self
        }
    }
}

/// Yes/no questions: the send confirmation and the discard question. Other keys are ignored.
func handleDialogAction(_ state: inout AppState, _ action: Action?) -> [Effect] {
    guard action == .yes || action == .no || action == .always, let overlay = state.overlay else { return [] }
    // `a` answers only the LIVE questions: yes, and no more asking this run.
    if action == .always {
        switch overlay {
        case .question(.sendLive, _), .question(.sendDraftLive, _): state.confirmLive = false
        default: return []
        }
    }
    state.overlay = nil
    let yes = action != .no
    switch overlay {
    case .question(let q, let over):
        return answerReplayQuestion(&state, q, over: over, yes: yes)
    case .confirmSend:
        if yes { return requestSend(&state, confirmed: true) }
        state.status = StatusMessage("not sent", .info)
    case .confirmDiscard(let pending):
        guard yes else {
            state.pendingImport = nil  // with any key it carried
            state.status = StatusMessage("kept your draft", .info)
            return []
        }
        switch pending {
        case .template(let name):
            if let t = state.catalogue.template(named: name) { loadTemplate(&state, t) }
        case .replay(let id):
            if let e = state.history.entry(id: id) { replay(&state, e) }
        case .imported:
            if let p = state.pendingImport { applyImport(&state, p.set, origin: p.origin) }
        }
    default: break
    }
    return []
}
