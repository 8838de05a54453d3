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
    case .search:
        state.history.searchEditor = LineEditor(text: state.history.searchText)
        state.status = StatusMessage("search: words, status:4xx, event:NAME, user:ID, group:ID, target:live, failed, since:1h, before:DATE", .info)
    case .mark:
        guard let row = state.history.selectedRow else { return [] }
        if state.history.marked == row.id {
            state.history.marked = nil
            state.status = StatusMessage("mark cleared", .info)
        } else {
            state.history.marked = row.id
            state.status = StatusMessage("marked \(row.firstEventName) of \(HistoryView.time(row.sentAt)): = on another entry compares them", .info)
        }
    case .compare:
        guard let row = state.history.selectedRow else { return [] }
        guard let marked = state.history.marked else {
            state.status = StatusMessage("mark an entry with m first, then press = on another", .warning)
            return []
        }
        guard marked != row.id else {
            state.status = StatusMessage("this is the marked entry: select another one to compare with", .warning)
            return []
        }
        state.openCompare(marked, row.id)
    default: break
    }
    return []
}

/// Keys while the search line is open: the list follows the text once typing pauses (`searchDelay`); Enter
/// runs it at once and keeps it, Esc clears it.
func handleHistorySearchAction(_ state: inout AppState, _ action: Action) -> [Effect] {
    switch action {
    case .confirm:
        applyPendingSearch(&state)
        if let error = state.history.searchError {
            // Closing the line would leave words on screen that do not filter the list: stay and say why.
            state.status = StatusMessage("search: \(error)", .error)
            return [.cancelTimer(.historySearch)]
        }
        state.history.searchEditor = nil
        state.status = state.history.searchError.map { StatusMessage("search: \($0)", .error) }
            ?? StatusMessage(state.history.searchText.isEmpty ? "showing all history" : "\(state.history.count) matching: Esc clears the search", .info)
        return [.cancelTimer(.historySearch)]
    case .dismiss:
        clearHistorySearch(&state)
        return [.cancelTimer(.historySearch)]
    case .up, .down:
        state.history.scroll.apply(action)
    default:
        guard var editor = state.history.searchEditor, editor.apply(action) else { return [] }
        state.history.searchEditor = editor
        return searchTextChanged(&state)
    }
    return []
}

/// How long typing must pause before the search runs. A query over 100,000 rows takes milliseconds; running
/// one per key would make fast typing lag, so keys stay at keystroke speed and the list follows the pause.
let searchDelay = 0.12

func searchTextChanged(_ state: inout AppState) -> [Effect] {
    guard state.history.searchEditor != nil else { return [] }
    state.history.searchPending = true
    return [.startTimer(.historySearch, after: searchDelay)]
}

func applyPendingSearch(_ state: inout AppState) {
    guard state.history.searchPending, let text = state.history.searchEditor?.text else { return }
    state.history.searchPending = false
    state.history.setSearch(text, now: state.now)
}

func clearHistorySearch(_ state: inout AppState) {
    state.history.searchEditor = nil
    state.history.searchPending = false
    state.history.setSearch("", now: state.now)
    state.status = StatusMessage("search cleared: showing all history", .info)
}

func replay(_ state: inout AppState, _ e: HistoryEntry) {
    state.composer.load(body: e.requestBody, endpoint: e.endpoint)
    state.importedBatch = nil
    state.foundKey = nil
    state.focus = .form
    state.status = StatusMessage("loaded the \(e.eventNames.first ?? e.endpoint.rawValue) request from \(Timestamp.format(e.sentAt)): edit and \(state.keymap.keyLabel(.send, in: .typing)) to resend", .info)
}
