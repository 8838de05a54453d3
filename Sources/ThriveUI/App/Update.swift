import Foundation
import TerminalScreen
import ThriveCore

/// The app's single update function: applies a message to the state and returns the effects to run.
public func update(_ state: inout AppState, _ msg: Msg) -> [Effect] {
    switch msg {
    case .terminal(let event): return handleTerminal(&state, event)
    case .sandboxReady(let port, let faults):
        state.target.kind = .sandbox(port: port)
        // A start-up problem (a broken theme file, an unknown theme) stays up: the badge already shows the port.
        if let kind = state.status?.kind, kind == .warning || kind == .error { return [] }
        state.status = faults.map { StatusMessage("sandbox ready on 127.0.0.1:\(port) with \($0)", .warning) }
            ?? StatusMessage("sandbox ready on 127.0.0.1:\(port): nothing leaves this machine", .success)
        return []
    case .sandboxFailed(let message):
        state.target.sandboxError = message
        state.status = StatusMessage("the sandbox could not start: \(message)", .error)
        return []
    case .sendAttempt(let id, let attempt):
        guard state.inFlight?.id == id, let r = attempt.response, let d = attempt.retryDelay else { return [] }
        state.inFlight?.attempts = attempt.number + 1
        state.status = StatusMessage("\(r.summary): retrying in \(String(format: "%.1f", d)) s (attempt \(attempt.number + 1))…", .warning)
        return []
    case .sendFinished(let id, let report): return finishSend(&state, id: id, report: report)
    case .tick(let now):
        state.now = now
        guard state.inFlight != nil else { return [] }
        state.spinnerFrame += 1
        return [.tick(after: 0.1)]
    }
}

func handleTerminal(_ state: inout AppState, _ event: TerminalEvent) -> [Effect] {
    // The form's viewport keeps the offset it was drawn with, so it only scrolls when the selection leaves it.
    defer { state.composer.scroll = FormView.geometry(state.composer, inner: Box.inner(Layout(size: state.size).form)).offset }
    switch event {
    case .resize(let size):
        state.size = size
        let h = Layout.innerHeight(Layout(size: size).history)
        state.history.scrollToSelection(height: h)
        return []
    case .mouse(let m): return handleMouse(&state, m)
    case .paste(let text): return handlePaste(&state, text)
    case .key(let key): return handleKey(&state, key)
    }
}

func handleKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    // Keys the table marks as working while typing come first: editors never see them.
    let typing = Keymap.typingAction(for: key)
    if typing == .quit { state.quitting = true; return [.quit] }
    if typing == .suspend { return [.suspend] }
    if state.overlay != nil { return handleOverlayKey(&state, key) }
    switch typing {
    case .send?: return requestSend(&state, confirmed: false)
    case .toggleRaw?:
        state.focus = .form
        state.status = state.composer.toggleMode() ?? StatusMessage(state.composer.mode == .raw ? "raw JSON: edit freely; errors show with line:column" : "form view")
        return []
    default: break
    }
    if Keymap.action(for: key, in: state.focus) == .cancel, let inFlight = state.inFlight,
       !state.composer.isTextEntry || state.focus != .form {
        state.status = StatusMessage("cancelling…", .warning)
        return [.cancelSend(id: inFlight.id)]
    }
    if state.focus == .form, state.composer.isTextEntry {
        if state.composer.mode == .raw {
            if key == .tab || key == .backTab { return cyclePane(&state, key == .tab ? 1 : -1) }
            return handleRawKey(&state, key)
        }
        state.status = state.composer.handleFormKey(key, pageHeight: formPageHeight(state)) ?? state.status
        return []
    }
    if state.focus == .templates, state.picker.filtering { return handleFilterKey(&state, key) }
    let action = Keymap.action(for: key, in: state.focus)
    switch action {
    case .quit?: state.quitting = true; return [.quit]
    case .help?: state.overlay = .help(scroll: 0); return []
    case .nextPane?: return cyclePane(&state, 1)
    case .previousPane?: return cyclePane(&state, -1)
    case .cycleTheme?:
        guard let i = state.themeNames.firstIndex(of: state.themeName), state.themeNames.count > 1 else { return [] }
        state.themeName = state.themeNames[(i + 1) % state.themeNames.count]
        state.status = StatusMessage("theme: \(state.themeName)")
        return []
    default: break
    }
    guard let action else { return [] }
    switch state.focus {
    case .templates: return handlePickerAction(&state, action)
    case .form:
        state.status = state.composer.handleFormAction(action, key: key, pageHeight: formPageHeight(state)) ?? state.status
        return []
    case .preview: return handlePreviewAction(&state, action)
    case .history: return handleHistoryAction(&state, action)
    }
}

func cyclePane(_ state: inout AppState, _ delta: Int) -> [Effect] {
    let all = Pane.allCases
    state.focus = all[(state.focus.rawValue + delta + all.count) % all.count]
    return []
}

func formPageHeight(_ state: AppState) -> Int { max(1, Layout.innerHeight(Layout(size: state.size).form) - 3) }

func handlePaste(_ state: inout AppState, _ text: String) -> [Effect] {
    if state.focus == .form, state.composer.mode == .raw {
        state.composer.raw.insert(text)
        state.composer.rawTextChanged()
    } else if state.focus == .form, state.composer.edit != nil || state.composer.prompt != nil {
        state.composer.paste(text)
    } else if state.focus == .templates, state.picker.filtering {
        state.picker.filter += text.filter { !$0.isNewline }
        state.picker.selection = 0
    } else {
        state.status = StatusMessage("paste ignored: open a field with Enter (or raw mode with F2) first", .warning)
    }
    return []
}

func handleRawKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    if key == .escape {
        state.status = state.composer.toggleMode() ?? StatusMessage("form view")
        return []
    }
    let page = max(1, Layout.innerHeight(Layout(size: state.size).form) - 2)
    // Lines compare cheaply when unchanged (arrow keys); joining the whole text twice per key would not.
    let before = state.composer.raw.lines
    _ = state.composer.raw.handle(key, pageHeight: page)
    if state.composer.raw.lines != before { state.composer.rawTextChanged() }
    return []
}
