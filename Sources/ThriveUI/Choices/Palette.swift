import Foundation
import TerminalScreen
import ThriveCore

/// The command palette's entries: every action a person reaches for by name, with the key that does it.
enum Palette {
    /// What an entry does when chosen.
    enum Run: Equatable {
        /// A key's action, in `pane` (focused first) or in the focused pane.
        case action(Action, Pane?)
        case theme(String)
        case exportHistory(HistoryExportFormat)
    }

    struct Command {
        var id: String
        var title: String
        var run: Run
    }

    static func commands(_ state: AppState) -> [Command] {
        let a: [(Action, Pane?, String)] = [
            (.send, nil, "Send the draft"),
            (.switchProfile, nil, "Switch profile"),
            (.copyAs, .form, "Copy the draft as code (curl, HTTPie, fetch, requests, Go)"),
            (.copyAs, .history, "Copy the selected history entry as code"),
            (.editExternal, nil, "Edit the draft in $EDITOR"),
            (.openFile, nil, "Open a file: JSON, NDJSON, HAR or curl"),
            (.batchView, nil, "Batch view: the draft's events"),
            (.toggleRaw, nil, "Switch form / raw JSON editing"),
            (.filter, .templates, "Find a template"),
            (.search, .history, "Search history"),
            (.replay, .history, "Load the selected history entry into the composer"),
            (.fixAll, .form, "Fix all events with the selected field's finding"),
            (.useFoundKey, nil, "Use the API key that came with the pasted curl"),
            (.pauseReplay, nil, "Pause or resume the replay"),
            (.cycleTheme, nil, "Next colour theme"),
            (.showProblems, nil, "Show start-up problems"),
            (.help, nil, "Help: every key"),
            (.quit, nil, "Quit"),
        ]
        var out = a.enumerated().map { k, e in Command(id: "a\(k)", title: e.2, run: .action(e.0, e.1)) }
        out += HistoryExportFormat.allCases.map { f in
            Command(id: "export-\(f.rawValue)", title: "Export history as \(exportWord(f))", run: .exportHistory(f))
        }
        out += state.themeNames.map { Command(id: "theme-\($0)", title: "Theme: \($0)", run: .theme($0)) }
        return out
    }

    static func exportWord(_ f: HistoryExportFormat) -> String {
        switch f {
        case .ndjson: return "NDJSON"
        case .har: return "HAR (devtools)"
        case .curl: return "a curl script"
        }
    }

    static func fileExtension(_ f: HistoryExportFormat) -> String {
        switch f {
        case .ndjson: return "ndjson"
        case .har: return "har"
        case .curl: return "sh"
        }
    }

    /// The key that does `action`, as help writes it: looked up where the action would run.
    static func keyLabel(_ keymap: Keymap, _ action: Action, pane: Pane) -> String {
        for scope in [KeyScope.typing, .pane(pane), .panes, .anywhere] {
            let keys = keymap.keys(for: action, in: scope)
            if !keys.isEmpty { return KeyName.label(keys) }
        }
        return ""
    }
}

/// Ctrl-P or `:`: the palette, filtered as the person types.
func openPalette(_ state: inout AppState) -> [Effect] {
    let items = Palette.commands(state).map { c -> ChoiceList.Item in
        var key = ""
        if case .action(let action, let pane) = c.run { key = Palette.keyLabel(state.keymap, action, pane: pane ?? state.focus) }
        return ChoiceList.Item(id: c.id, label: c.title, detail: key)
    }
    state.overlay = .choices(ChoiceList(purpose: .palette, title: "Commands", items: items, filterable: true))
    state.status = StatusMessage("type to filter, ↑/↓ choose, Enter runs, Esc closes")
    return []
}

func runPaletteCommand(_ state: inout AppState, id: String) -> [Effect] {
    guard let command = Palette.commands(state).first(where: { $0.id == id }) else { return [] }
    switch command.run {
    case .action(let action, let pane):
        if let pane {
            state.focus = pane
            if pane == .history { state.history.reload() }
        }
        return handlePaneAction(&state, state.focus, action, key: .escape)
    case .theme(let name):
        return setTheme(&state, name)
    case .exportHistory(let format):
        state.openPrompt = OpenPrompt(text: "thrive-history.\(Palette.fileExtension(format))", purpose: .exportHistory(format))
        state.status = StatusMessage("export every history entry as \(Palette.exportWord(format)) to: Enter writes, Esc cancels")
        return []
    }
}

/// Switches theme and remembers it for the next start.
func setTheme(_ state: inout AppState, _ name: String) -> [Effect] {
    state.themeName = name
    state.status = StatusMessage("theme: \(name) (remembered for the next start)")
    return [.setTheme(name), .rememberTheme(name)]
}
