import Foundation
import ThriveCore

// The batch view: an overlay listing the draft's events. Its rows are worked out when it opens, when the
// filter changes and after a fix-all, never per frame, so 10,000 events scroll at keystroke speed.

/// `b`, and after an import of several events: opens the list on the event the form shows.
func openBatchView(_ state: inout AppState, errorsOnly: Bool = false) {
    var view = BatchView()
    view.errorsOnly = errorsOnly
    refreshRows(&view, state.composer)
    if let i = view.rows.firstIndex(of: state.composer.eventIndex) { view.scroll.resize(count: view.rows.count); view.scroll.select(i) }
    state.overlay = .batch(view)
}

/// Rows for the filter, and the counts the title shows.
func refreshRows(_ view: inout BatchView, _ c: ComposerState) {
    var rows: [Int] = []
    var errors = 0, warnings = 0
    rows.reserveCapacity(c.eventCount)
    for k in 0..<c.eventCount {
        let worst = c.worstSeverity(event: k)
        if worst == .error { errors += 1 } else if worst == .warning { warnings += 1 }
        if !view.errorsOnly || worst == .error { rows.append(k) }
    }
    view.rows = rows
    view.errorEvents = errors
    view.warningEvents = warnings
    view.scroll.resize(count: rows.count)
}

func handleBatchAction(_ state: inout AppState, _ action: Action?) -> [Effect] {
    guard case .batch(var view)? = state.overlay, let action else { return [] }
    if view.scroll.apply(action) {
        state.overlay = .batch(view)
        return []
    }
    switch action {
    case .close:
        state.overlay = nil
    case .cancel:
        return batchEscape(&state, view)
    case .sendBatch:
        return requestReplay(&state, confirmed: false, view: view)
    case .pauseReplay:
        return togglePause(&state)
    case .select:
        guard let k = view.selectedEvent else { return [] }
        state.overlay = nil
        state.composer.show(event: k)
        state.focus = .form
        state.status = StatusMessage("\(state.composer.label(event: k)): Enter edits a field, ]/[ next/previous event, b back to the list")
    case .errorsOnly:
        let selected = view.selectedEvent
        view.errorsOnly.toggle()
        refreshRows(&view, state.composer)
        // Keep the same event selected when it is still listed, else the nearest one after it.
        if let selected { view.scroll.select(view.rows.firstIndex { $0 >= selected } ?? view.rows.count - 1) }
        state.status = view.errorsOnly
            ? StatusMessage(view.rows.isEmpty ? "no event has an error" : "\(view.rows.count) event\(view.rows.count == 1 ? "" : "s") with errors: e shows all", view.rows.isEmpty ? .success : .info)
            : StatusMessage("all \(view.rows.count) events")
        state.overlay = .batch(view)
    case .fixAll:
        guard let k = view.selectedEvent, let finding = fixableFinding(state.composer, event: k) else {
            state.status = StatusMessage("no automatic fix for this event", .info)
            return []
        }
        let selected = k
        state.status = state.composer.fixEverywhere(like: finding)
        refreshRows(&view, state.composer)
        view.scroll.select(view.rows.firstIndex { $0 >= selected } ?? view.rows.count - 1)
        state.overlay = .batch(view)
    default: break
    }
    return []
}

/// The finding of an event that a fix is offered for, errors first: what the batch view's `F` applies.
func fixableFinding(_ c: ComposerState, event k: Int) -> Finding? {
    guard c.eventFindings.indices.contains(k) else { return nil }
    let fixable = c.eventFindings[k].filter { $0.fix != nil }
    return fixable.first { $0.severity == .error } ?? fixable.first
}
