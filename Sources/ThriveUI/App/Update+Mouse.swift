import Foundation
import TerminalScreen
import ThriveCore

/// Clicks focus a pane and pick the row under the pointer; the wheel scrolls the pane under it.
func handleMouse(_ state: inout AppState, _ m: MouseEvent) -> [Effect] {
    guard state.overlay == nil else {
        if m.kind == .press { state.overlay = nil }
        return []
    }
    let layout = state.layout
    guard let pane = layout.pane(at: m.at) else { return [] }
    let r = layout.rect(for: pane)
    let row = m.at.y - r.y - 1
    switch m.kind {
    case .wheelUp, .wheelDown:
        let d = m.kind == .wheelUp ? -3 : 3
        switch pane {
        case .history: state.history.scroll.scroll(d)
        case .preview: state.preview.scroll.scroll(d)
        case .templates: state.picker.move(d)
        case .form: if state.composer.edit == nil, state.composer.prompt == nil { state.composer.selection += d < 0 ? -1 : 1 }
        }
    case .press:
        if state.focus == .form, pane != .form, state.composer.edit != nil { state.composer.edit = nil }
        state.focus = pane
        guard row >= 0, row < Layout.innerHeight(r) else { return [] }
        switch pane {
        case .history:
            let i = state.history.scroll.offset + row
            if i < state.history.count { state.history.scroll.select(i) }
        case .templates:
            if let i = state.picker.index(atRow: row) { state.picker.select(i) }
        case .form:
            if state.composer.mode == .form, state.composer.edit == nil, let i = state.composer.rowIndex(atRow: row) {
                state.composer.selection = i
            }
        case .preview: break
        }
    case .release: break
    }
    return []
}
