import Foundation
import TerminalScreen
import ThriveCore

/// The app's single update function: applies a message to the state and returns the effects to run.
///
/// Pure: it reads time only from `state.now` and makes ids only from `state.ids`, so the same state and
/// message always give the same state and effects. Cached views are brought up to date before it returns.
public func update(_ state: inout AppState, _ msg: Msg) -> [Effect] {
    let effects = apply(&state, msg)
    state.syncDerived()
    return effects
}

/// What a run starts with: the embedded sandbox, and the wait for the history file while it opens.
public func start(_ state: AppState) -> [Effect] {
    (state.sandboxError == nil && state.sandboxPort == nil ? [.startSandbox] : []) + (state.historyOpening ? [.awaitHistory] : [])
}

private func apply(_ state: inout AppState, _ msg: Msg) -> [Effect] {
    switch msg {
    case .terminal(let event): return handleTerminal(&state, event)
    case .sandboxReady(let port, let faults):
        state.sandboxPort = port
        // The sandbox starts whatever the target, so switching to a sandbox profile later is instant.
        guard state.destination.isSandbox else { return [] }
        state.destination.target = .sandbox(port: port)
        // A start-up problem (a broken theme file, an unknown theme) stays up: the badge already shows the port.
        if let kind = state.status?.kind, kind == .warning || kind == .error { return [] }
        state.status = faults.map { StatusMessage("sandbox ready on 127.0.0.1:\(port) with \($0)", .warning) }
            ?? StatusMessage("sandbox ready on 127.0.0.1:\(port): nothing leaves this machine", .success)
        return []
    case .sandboxFailed(let message):
        state.sandboxError = message
        state.status = StatusMessage("the sandbox could not start: \(message)", .error)
        return []
    case .historyOpened(let warning):
        state.historyOpening = false
        state.history.reload()
        // Losing history is the start-up problem a person most needs to see, so it goes first, as it did when
        // the first frame waited for the file.
        if let warning {
            state.startupProblems.insert(warning, at: 0)
            if state.status?.kind != .error { state.showStartupProblems() }
        }
        return []
    case .sendAttempt(let id, let attempt):
        guard state.inFlight[id] != nil, let r = attempt.response, let d = attempt.retryDelay else { return [] }
        state.inFlight[id]?.attempts = attempt.number + 1
        state.status = StatusMessage("\(r.summary): retrying in \(String(format: "%.1f", d)) s (attempt \(attempt.number + 1))…", .warning)
        return []
    case .sendFinished(let id, let report): return finishSend(&state, id: id, report: report)
    case .timer(.historySearch):
        applyPendingSearch(&state)
        return []
    case .timer(.spinner):
        guard !state.inFlight.isEmpty else { return [] }
        state.spinnerFrame += 1
        return [.startTimer(.spinner, after: 0.1)]
    case .directoryListed(let directory, let result): return directoryListed(&state, directory: directory, result: result)
    case .fileImported(let path, let result): return fileImported(&state, path: path, result: result)
    case .replayProgress, .replayEvents, .replayRetrying, .replayFinished: return replayMessage(&state, msg)
    case .profileResolved(let name, let result): return profileResolved(&state, name: name, result)
    case .fileWritten(let path, let what, let error):
        state.status = error.map { StatusMessage("\(what) not written: \($0)", .error) }
            ?? StatusMessage("wrote \(what) to \(path)", .success)
        return []
    case .externalEditFinished(let result): return externalEditFinished(&state, result)
    }
}

func handleTerminal(_ state: inout AppState, _ event: TerminalEvent) -> [Effect] {
    switch event {
    case .resize(let size):
        state.resize(to: size)
        return []
    case .mouse(let m): return handleMouse(&state, m)
    case .paste(let text): return handlePaste(&state, text)
    case .key(let key): return handleKey(&state, key)
    }
}

/// Every key goes through the keymap: the context says which scopes to look in, the action says what to do.
func handleKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    let context = state.keyContext
    let action = state.keymap.action(for: key, in: context.scopes)
    switch action {
    case .quit?: return requestQuit(&state)
    case .suspend?: return [.suspend]
    default: break
    }
    switch context {
    case .help: return handleHelpAction(&state, action)
    case .detail: return handleDetailAction(&state, action)
    case .dialog: return handleDialogAction(&state, action)
    case .batch: return handleBatchAction(&state, action)
    case .palette, .choices, .copyMenu: return handleChoicesAction(&state, context, action, key: key)
    case .filter, .historySearch, .detailSearch, .field, .prompt, .rawEditor, .pathPrompt:
        switch action {
        case .send?: return requestSend(&state, confirmed: false)
        case .toggleRaw?: return toggleRaw(&state)
        case .palette?: return openPalette(&state)
        case .editExternal? where context == .rawEditor: return editExternally(&state)
        default: return handleEditorAction(&state, context, action, key: key)
        }
    case .pane(let pane): return handlePaneAction(&state, pane, action, key: key)
    }
}

func handlePaneAction(_ state: inout AppState, _ pane: Pane, _ action: Action?, key: Key) -> [Effect] {
    guard let action else { return [] }
    switch action {
    case .send: return requestSend(&state, confirmed: false)
    case .toggleRaw: return toggleRaw(&state)
    case .help: state.openHelp(); return []
    case .openFile: return openPathPrompt(&state)
    case .batchView:
        openBatchView(&state)
        return []
    case .useFoundKey: return useFoundKey(&state)
    case .pauseReplay: return togglePause(&state)
    case .palette: return openPalette(&state)
    case .switchProfile: return openProfiles(&state)
    case .copyAs: return openCopyMenu(&state)
    case .editExternal: return editExternally(&state)
    case .showProblems:
        openProblems(&state)
        return []
    case .nextPane: return cyclePane(&state, 1)
    case .previousPane: return cyclePane(&state, -1)
    case .cycleTheme:
        guard let i = state.themeNames.firstIndex(of: state.themeName), state.themeNames.count > 1 else { return [] }
        return setTheme(&state, state.themeNames[(i + 1) % state.themeNames.count])
    case .cancel:
        guard let f = state.composerSend else {
            if pane == .history, !state.history.searchText.isEmpty { clearHistorySearch(&state) }
            return []
        }
        state.status = StatusMessage("cancelling…", .warning)
        return [.cancelSend(id: f.id)]
    default: break
    }
    switch pane {
    case .templates: return handlePickerAction(&state, action)
    case .form:
        let status = state.withDrafts { c, drafts in c.handleFormAction(action, key: key, drafts: drafts) }
        state.status = status ?? state.status
        return []
    case .preview:
        state.preview.scroll.apply(action)
        return []
    case .history: return handleHistoryAction(&state, action)
    }
}

func cyclePane(_ state: inout AppState, _ delta: Int) -> [Effect] {
    let all = Pane.allCases
    state.focus = all[(state.focus.rawValue + delta + all.count) % all.count]
    // Another process (a `send` in a script, a second window) may have added rows since the pane last looked.
    if state.focus == .history { state.history.reload() }
    return []
}

func toggleRaw(_ state: inout AppState) -> [Effect] {
    state.focus = .form
    state.status = state.composer.toggleMode() ?? StatusMessage(state.composer.mode == .raw ? "raw JSON: edit freely; errors show with line:column" : "form view")
    return []
}
