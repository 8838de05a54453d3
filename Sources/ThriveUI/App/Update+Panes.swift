import Foundation
import TerminalScreen
import ThriveCore

func handlePickerAction(_ state: inout AppState, _ action: Action) -> [Effect] {
    let visible = state.picker.visible(in: state.catalogue)
    let page = max(1, Layout.innerHeight(Layout(size: state.size).templates) - 1)
    switch action {
    case .up: state.picker.move(-1, count: visible.count)
    case .down: state.picker.move(1, count: visible.count)
    case .pageUp: state.picker.move(-page, count: visible.count)
    case .pageDown: state.picker.move(page, count: visible.count)
    case .top: state.picker.move(-visible.count, count: visible.count)
    case .bottom: state.picker.move(visible.count, count: visible.count)
    case .filter:
        state.picker.filtering = true
        state.status = StatusMessage("filter: type to narrow the list, Enter picks, Esc clears")
    case .select: selectTemplate(&state, visible)
    default: break
    }
    return []
}

func handleFilterKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    switch key {
    case .escape:
        state.picker.filtering = false
        state.picker.filter = ""
        state.picker.selection = 0
        state.status = nil
    case .enter:
        state.picker.filtering = false
        selectTemplate(&state, state.picker.visible(in: state.catalogue))
    case .backspace:
        if !state.picker.filter.isEmpty { state.picker.filter.removeLast() }
        state.picker.selection = 0
    case .up, .down:
        state.picker.move(key == .up ? -1 : 1, count: state.picker.visible(in: state.catalogue).count)
    case .char(let c):
        state.picker.filter.append(c)
        state.picker.selection = 0
    default: break
    }
    return []
}

func selectTemplate(_ state: inout AppState, _ visible: [EventTemplate]) {
    guard visible.indices.contains(state.picker.selection) else {
        state.status = StatusMessage("no template matches \"\(state.picker.filter)\"", .warning)
        return
    }
    let t = visible[state.picker.selection]
    if state.composer.hasUnsavedWork {
        state.overlay = .confirmDiscard(.template(name: t.name))
        return
    }
    loadTemplate(&state, t)
}

func loadTemplate(_ state: inout AppState, _ t: EventTemplate) {
    state.composer.load(template: t)
    state.focus = .form
    state.status = StatusMessage("new \(t.name) draft: Enter edits a field, ^S sends", .info)
}

func replay(_ state: inout AppState, _ e: HistoryEntry) {
    state.composer.load(body: e.requestBody, endpoint: e.endpoint)
    state.focus = .form
    state.status = StatusMessage("loaded the \(e.eventNames.first ?? e.endpoint.rawValue) request from \(Timestamp.format(e.sentAt)): edit and ^S to resend", .info)
}

/// y on the discard question: do what was asked; anything else keeps the draft.
func handleDiscardKey(_ state: inout AppState, _ key: Key, _ pending: PendingLoad) {
    state.overlay = nil
    guard key == .char("y") || key == .char("Y") else {
        state.status = StatusMessage("kept your draft", .info)
        return
    }
    switch pending {
    case .template(let name):
        if let t = state.catalogue.template(named: name) { loadTemplate(&state, t) }
    case .replay(let id):
        if let e = state.history.store.entries.last(where: { $0.id == id }) { replay(&state, e) }
    }
}

func handlePreviewAction(_ state: inout AppState, _ action: Action) -> [Effect] {
    let page = max(1, Layout.innerHeight(Layout(size: state.size).preview) - 1)
    switch action {
    case .up: state.composer.previewScroll -= 1
    case .down: state.composer.previewScroll += 1
    case .pageUp: state.composer.previewScroll -= page
    case .pageDown: state.composer.previewScroll += page
    case .top: state.composer.previewScroll = 0
    case .bottom: state.composer.previewScroll = Int.max / 2
    default: break
    }
    clampPreviewScroll(&state)
    return []
}

/// Scroll offsets stay within the content, so a key past the end leaves no invisible overshoot to undo.
func clampedScroll(_ value: Int, lines: Int, height: Int) -> Int { min(max(0, value), max(0, lines - height)) }

func clampPreviewScroll(_ state: inout AppState) {
    let height = Layout.innerHeight(Layout(size: state.size).preview)
    let lines = PreviewView.lines(state, body: state.composer.previewBody).count
    state.composer.previewScroll = clampedScroll(state.composer.previewScroll, lines: lines, height: height)
}

/// Inner heights of the help and detail modals, as `Modal.frame` sizes them.
func helpScroll(_ state: AppState, _ value: Int) -> Int {
    let lines = HelpOverlay.lines().count
    return clampedScroll(value, lines: lines, height: min(lines + 2, state.size.height - 2) - 2)
}

func detailScroll(_ state: AppState, id: UUID, _ value: Int) -> Int {
    guard let e = state.history.store.entries.last(where: { $0.id == id }) else { return 0 }
    return clampedScroll(value, lines: DetailOverlay.lines(e, width: state.size.width - 6).count, height: state.size.height - 4)
}

func handleHistoryAction(_ state: inout AppState, _ action: Action) -> [Effect] {
    let h = Layout.innerHeight(Layout(size: state.size).history)
    switch action {
    case .up: state.history.move(-1, height: h)
    case .down: state.history.move(1, height: h)
    case .pageUp: state.history.move(-max(1, h - 1), height: h)
    case .pageDown: state.history.move(max(1, h - 1), height: h)
    case .top: state.history.moveToStart(height: h)
    case .bottom: state.history.moveToEnd(height: h)
    case .openDetail:
        if let e = state.history.selectedEntry { state.overlay = .detail(id: e.id, scroll: 0) }
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

func handleOverlayKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    switch state.overlay {
    case .confirmSend?:
        switch key {
        case .char("y"), .char("Y"):
            state.overlay = nil
            return requestSend(&state, confirmed: true)
        case .char("n"), .char("N"), .escape, .char("q"):
            state.overlay = nil
            state.status = StatusMessage("not sent", .info)
        default: break
        }
    case .confirmDiscard(let pending)?:
        handleDiscardKey(&state, key, pending)
    case .help(let scroll)?:
        switch key {
        case .up, .char("k"): state.overlay = .help(scroll: helpScroll(state, scroll - 1))
        case .down, .char("j"): state.overlay = .help(scroll: helpScroll(state, scroll + 1))
        case .pageDown: state.overlay = .help(scroll: helpScroll(state, scroll + 10))
        case .pageUp: state.overlay = .help(scroll: helpScroll(state, scroll - 10))
        default: state.overlay = nil
        }
    case .detail(let id, let scroll)?:
        switch key {
        case .up, .char("k"): state.overlay = .detail(id: id, scroll: detailScroll(state, id: id, scroll - 1))
        case .down, .char("j"): state.overlay = .detail(id: id, scroll: detailScroll(state, id: id, scroll + 1))
        case .pageDown, .char(" "): state.overlay = .detail(id: id, scroll: detailScroll(state, id: id, scroll + 10))
        case .pageUp: state.overlay = .detail(id: id, scroll: detailScroll(state, id: id, scroll - 10))
        case .home, .char("g"): state.overlay = .detail(id: id, scroll: 0)
        case .char("r"):
            state.overlay = nil
            return handleHistoryAction(&state, .replay)
        case .escape, .enter, .char("q"): state.overlay = nil
        default: break
        }
    case nil: break
    }
    return []
}

func handleMouse(_ state: inout AppState, _ m: MouseEvent) -> [Effect] {
    guard state.overlay == nil else {
        if m.kind == .press { state.overlay = nil }
        return []
    }
    let layout = Layout(size: state.size)
    guard let pane = layout.pane(at: m.at) else { return [] }
    let r = layout.rect(for: pane)
    let row = m.at.y - r.y - 1
    switch m.kind {
    case .wheelUp, .wheelDown:
        let d = m.kind == .wheelUp ? -3 : 3
        switch pane {
        case .history: state.history.scroll(d, height: Layout.innerHeight(r))
        case .preview:
            state.composer.previewScroll += d
            clampPreviewScroll(&state)
        case .templates: state.picker.move(d, count: state.picker.visible(in: state.catalogue).count)
        case .form: _ = state.composer.handleFormAction(d < 0 ? .up : .down, key: d < 0 ? .up : .down, pageHeight: 1)
        }
    case .press:
        if state.focus == .form, pane != .form, state.composer.edit != nil { state.composer.edit = nil }
        state.focus = pane
        guard row >= 0, row < Layout.innerHeight(r) else { return [] }
        switch pane {
        case .history:
            let i = state.history.offset + row
            if i < state.history.count { state.history.move(i - state.history.selection, height: Layout.innerHeight(r)) }
        case .templates:
            if let i = TemplatePickerView.index(atRow: row, state: state) { state.picker.selection = i }
        case .form:
            if state.composer.mode == .form, state.composer.edit == nil, let i = FormView.index(atRow: row, state: state) {
                state.composer.selection = i
            }
        case .preview: break
        }
    case .release: break
    }
    return []
}
