import Foundation
import TerminalScreen
import ThriveCore

/// Keys in a pick list: move, choose, close; in the palette, other keys edit the filter line.
func handleChoicesAction(_ state: inout AppState, _ context: KeyContext, _ action: Action?, key: Key) -> [Effect] {
    guard case .choices(var list)? = state.overlay else { return [] }
    if context == .palette, action == nil, case .char(let c) = key {
        list.typeFilter(String(c))
        state.overlay = .choices(list)
        return []
    }
    guard let action else { return [] }
    switch action {
    case .up, .down, .pageUp, .pageDown, .top, .bottom:
        list.scroll.apply(action)
    case .dismiss:
        state.overlay = nil
        return []
    case .confirm:
        state.overlay = nil
        guard let item = list.selectedItem else {
            state.status = StatusMessage("nothing matches", .warning)
            return []
        }
        switch list.purpose {
        case .palette: return runPaletteCommand(&state, id: item.id)
        case .profiles: return chooseProfile(&state, name: item.id)
        case .copyAs(let source): return copySnippet(&state, list, source: source, format: item.id)
        }
    case .revealKey:
        list.revealKey.toggle()
        state.status = list.revealKey
            ? StatusMessage("the snippet will carry the API key itself: mind where you paste it", .warning)
            : StatusMessage("the key is masked in the snippet", .info)
    case .save:
        guard case .copyAs(let source) = list.purpose, let item = list.selectedItem, let format = CodeFormat(rawValue: item.id),
              let text = snippet(state, source: source, format: format, reveal: list.revealKey) else { return [] }
        state.overlay = nil
        state.openPrompt = OpenPrompt(text: "request.\(format.fileExtension)",
                                      purpose: .save(contents: text, what: "\(format.title) snippet"))
        state.status = StatusMessage("save the \(format.title) snippet as: Enter writes the file, Esc cancels")
        return []
    default:
        if context == .palette, list.editFilter(action) { break }
        return []
    }
    state.overlay = .choices(list)
    return []
}

/// Text pasted into the palette goes to its filter line.
func typeIntoChoices(_ state: inout AppState, _ text: String) {
    guard case .choices(var list)? = state.overlay else { return }
    list.typeFilter(text.filter { !$0.isNewline })
    state.overlay = .choices(list)
}

// MARK: - Copy as code

/// `c`: the copy-as menu, for the history entry under the cursor (history pane, details) or the draft.
func openCopyMenu(_ state: inout AppState) -> [Effect] {
    var source = CopySource.draft
    if case .detail(let id, _)? = state.overlay { source = .history(id: id) }
    else if state.focus == .history {
        guard let id = state.history.selectedRow?.id else {
            state.status = StatusMessage("no history entry to copy yet", .info)
            return []
        }
        source = .history(id: id)
    }
    let items = CodeFormat.allCases.map { ChoiceList.Item(id: $0.rawValue, label: $0.title) }
    let what = source == .draft ? "the draft" : "the history entry"
    state.overlay = .choices(ChoiceList(purpose: .copyAs(source), title: "Copy \(what) as", items: items, filterable: false))
    state.status = StatusMessage("Enter copies to the clipboard, s saves to a file, k shows or masks the key")
    return []
}

/// The request `source` names, as it would be sent: the draft through the current destination, or a history
/// entry as recorded (its key is masked in the history; revealing puts this run's key back for the same host).
func copyRequest(_ state: AppState, source: CopySource, reveal: Bool) -> APIRequest? {
    switch source {
    case .draft:
        let builder = state.destination.builder ?? state.destination.previewBuilder
        return builder.build(endpoint: state.composer.endpoint, body: state.composer.body)
    case .history(let id):
        guard let e = state.history.entry(id: id), let url = URL(string: e.url) else { return nil }
        var headers = e.requestHeaders
        if reveal, let current = state.destination.builder?.build(endpoint: e.endpoint, body: .array([])),
           current.url.host == url.host, current.url.port == url.port {
            headers = headers.filter { !$0.isSecret } + current.headers.filter(\.isSecret)
        }
        return APIRequest(method: e.method, url: url, headers: headers, body: e.requestBody, endpoint: e.endpoint)
    }
}

func snippet(_ state: AppState, source: CopySource, format: CodeFormat, reveal: Bool) -> String? {
    copyRequest(state, source: source, reveal: reveal).map { CodeExport.render($0, as: format, revealSecrets: reveal) }
}

private func copySnippet(_ state: inout AppState, _ list: ChoiceList, source: CopySource, format id: String) -> [Effect] {
    guard let format = CodeFormat(rawValue: id), let text = snippet(state, source: source, format: format, reveal: list.revealKey) else {
        state.status = StatusMessage("that history entry is no longer in the store", .error)
        return []
    }
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
    let key = list.revealKey ? "with the API key" : "key masked"
    state.status = StatusMessage("copied as \(format.title) (\(lines) lines, \(key)) to the clipboard (OSC 52)",
                                 list.revealKey ? .warning : .success)
    return [.copyToClipboard(text)]
}

// MARK: - Start-up problems

/// `!`: every start-up problem, one per line, in a scrolling overlay.
func openProblems(_ state: inout AppState) {
    guard !state.startupProblems.isEmpty else {
        state.status = StatusMessage("no problems at start-up", .success)
        return
    }
    // The frame's inner width, less the margin and the bullet: what the overlay can show without clipping.
    let width = max(20, state.layout.helpModal(lines: 1).width - 6)
    let lines = state.startupProblems.flatMap { p in
        wordWrap(p, width: width).enumerated().map { k, l in [StyledRun((k == 0 ? "• " : "  ") + l, .warning)] }
    }
    state.overlay = .notes(title: "Start-up problems (\(state.startupProblems.count))", TextOverlay(lines: lines))
}

/// Breaks `text` at spaces into lines of at most `width` characters (a longer word gets a line of its own).
func wordWrap(_ text: String, width: Int) -> [String] {
    var lines: [String] = [], line = ""
    for word in text.split(separator: " ") {
        if !line.isEmpty, line.count + 1 + word.count > width { lines.append(line); line = "" }
        line += (line.isEmpty ? "" : " ") + word
    }
    return line.isEmpty ? lines : lines + [line]
}
