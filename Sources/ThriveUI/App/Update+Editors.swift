import Foundation
import TerminalScreen
import ThriveCore

/// A key while a text editor has the keys: its scope's actions, shared editing actions, or typed text.
func handleEditorAction(_ state: inout AppState, _ context: KeyContext, _ action: Action?, key: Key) -> [Effect] {
    // Unbound printable keys are text, whatever the editor.
    if action == nil, case .char(let c) = key { return insertText(&state, context, String(c)) }
    guard let action else { return [] }
    switch context {
    case .field:
        state.status = state.composer.handleEditAction(action) ?? state.status
    case .prompt:
        state.status = state.composer.handlePromptAction(action) ?? state.status
    case .rawEditor:
        switch action {
        case .leaveRaw: state.status = state.composer.toggleMode() ?? StatusMessage("form view")
        case .nextPane: return cyclePane(&state, 1)
        case .previousPane: return cyclePane(&state, -1)
        default:
            // Lines compare cheaply when unchanged (arrow keys); joining the whole text twice per key would not.
            let before = state.composer.raw.lines
            state.composer.raw.apply(action, pageHeight: max(1, Layout.innerHeight(state.layout.form) - 2))
            if state.composer.raw.lines != before { state.composer.rawTextChanged() }
        }
    case .filter:
        return handleFilterAction(&state, action)
    case .historySearch:
        return handleHistorySearchAction(&state, action)
    case .detailSearch:
        return handleDetailSearchAction(&state, action)
    case .pathPrompt:
        return handlePathPromptAction(&state, action)
    default: break
    }
    return []
}

func insertText(_ state: inout AppState, _ context: KeyContext, _ text: String) -> [Effect] {
    switch context {
    case .field, .prompt: state.composer.insert(text)
    case .rawEditor:
        state.composer.raw.insert(text)
        state.composer.rawTextChanged()
    case .filter: state.picker.setFilter(state.picker.filter + text.filter { !$0.isNewline })
    case .historySearch:
        state.history.searchEditor?.insert(text)
        return searchTextChanged(&state)
    case .detailSearch:
        insertDetailSearchText(&state, text)
    case .palette:
        typeIntoChoices(&state, text)
    case .pathPrompt:
        insertPathText(&state, text)
    default: break
    }
    return []
}

/// A bracketed paste: text for the open editor, never keys (a pasted newline is not Enter).
func handlePaste(_ state: inout AppState, _ text: String) -> [Effect] {
    let context = state.keyContext
    if context.takesText { return insertText(&state, context, text) }
    if case .pane = context { return pasteImport(&state, text) }
    state.status = StatusMessage("paste ignored: open a field with Enter (or raw mode with F2) first", .warning)
    return []
}
