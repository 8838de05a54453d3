import Foundation
import TerminalScreen
import ThriveCore

/// Renders the whole screen for a state. Pure: the same state gives the same cells.
public func render(_ state: AppState) -> CellBuffer {
    var buf = CellBuffer(size: state.size, fill: Cell(" ", fg: .text, bg: .background))
    let layout = state.layout
    if layout.tooSmall {
        TooSmallView.render(size: state.size, into: &buf)
        return buf
    }
    TitleBarView.render(state, in: layout.title, into: &buf)
    TemplatePickerView.render(state, in: layout.templates, into: &buf)
    if state.composer.mode == .raw {
        RawEditorView.render(state, in: layout.form, into: &buf)
    } else {
        FormView.render(state, in: layout.form, into: &buf)
    }
    PreviewView.render(state, in: layout.preview, into: &buf)
    HistoryView.render(state, in: layout.history, into: &buf)
    StatusLineView.render(state, in: layout.status, into: &buf)
    FooterView.render(state, in: layout.footer, into: &buf)
    // Only the pane with focus shows a cursor; views set it while drawing, so clear stray ones.
    if state.focus != .form && !(state.focus == .templates && state.picker.filtering) { buf.cursor = nil }
    switch state.overlay {
    case .help(let o)?: HelpOverlay.render(state, o, into: &buf)
    case .notes(let title, let o)?: NotesOverlay.render(state, title: title, o, into: &buf)
    case .choices(let list)?: ChoiceListView.render(state, list, into: &buf)
    case .detail(_, let o)?: DetailOverlay.render(state, o, into: &buf)
    case .compare(_, _, let o)?: CompareOverlay.render(state, o, into: &buf)
    case .confirmSend(let errors)?: ConfirmOverlay.render(errors: errors, into: &buf)
    case .confirmDiscard(let pending)?: DiscardOverlay.render(state, pending: pending, into: &buf)
    case .batch(let view)?: BatchOverlay.render(state, view, into: &buf)
    case .question(let q, let view)?:
        if let view { BatchOverlay.render(state, view, into: &buf) }
        QuestionOverlay.render(state, q, into: &buf)
    case nil: break
    }
    // The `o` prompt takes the footer row, under any dialog it raised (none yet), with the cursor in it.
    if let prompt = state.openPrompt, state.overlay == nil { PathPromptView.render(state, prompt, in: layout.footer, into: &buf) }
    return buf
}

/// The notice shown when the terminal is smaller than 60×16.
enum TooSmallView {
    static func render(size: Size, into buf: inout CellBuffer) {
        let lines = ["Terminal too small", "\(size.width)×\(size.height): need at least \(Layout.minimumSize.width)×\(Layout.minimumSize.height)", "Enlarge the window; q quits"]
        let top = max(0, size.height / 2 - 1)
        for (k, l) in lines.enumerated() {
            let x = max(0, (size.width - DisplayWidth.of(l)) / 2)
            buf.write(l, x: x, y: top + k, style: Style(fg: k == 0 ? .warning : .text, bg: .background, k == 0 ? [.bold] : []))
        }
    }
}

/// Top row: program name, target badge (sandbox calm, live alarming), the draft's endpoint and the in-flight spinner.
enum TitleBarView {
    static let spinner = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    static func render(_ state: AppState, in r: Rect, into buf: inout CellBuffer) {
        buf.fill(r, style: Style(fg: .text, bg: .surface))
        var x = buf.write(" thrive-inspector ", x: r.x, y: r.y, style: Style(fg: .primary, bg: .surface, [.bold]))
        let badge = state.titleBadge
        let badgeRole: Role = state.destination.isLive ? .liveBadge : .sandboxBadge
        x = buf.write(" \(badge) ", x: x + 1, y: r.y, style: Style(fg: .background, bg: badgeRole, [.bold]))
        let c = state.composer
        let name = c.template?.name ?? c.event["event_name"]?.stringValue ?? c.endpoint.rawValue
        let count = max(1, c.eventCount)
        let what = "  \(name) → POST /api\(c.endpoint.path)" + (count > 1 ? "  (\(count) events)" : "")
        var right = "? help "
        if let f = state.composerSend {
            right = "\(spinner[state.spinnerFrame % spinner.count]) sending" + (f.attempts > 1 ? " (attempt \(f.attempts))" : "") + "  " + right
        }
        // A running replay stays in sight with the batch view closed; the draft's name gives way to it.
        if let run = state.replay { right = ReplayText.compact(run) + "  " + right }
        let rx = r.maxX - DisplayWidth.of(right)
        x = buf.write(state.replay == nil ? what : TextFit.fit(what, max(0, rx - x - 1)), x: x, y: r.y, style: Style(fg: .text, bg: .surface))
        let busy = state.composerSend != nil || state.replay != nil
        if rx > x { buf.write(right, x: rx, y: r.y, style: Style(fg: busy ? .accent : .muted, bg: .surface)) }
    }
}

/// The status line: the latest message, or the draft's validation summary.
enum StatusLineView {
    static func render(_ state: AppState, in r: Rect, into buf: inout CellBuffer) {
        buf.fill(r, style: Style(fg: .text, bg: .background))
        if let s = state.status {
            let role: Role = switch s.kind { case .info: .text; case .success: .success; case .warning: .warning; case .error: .error }
            buf.write(" " + TextFit.fit(s.text, r.width - 2), x: r.x, y: r.y, style: Style(fg: role, bg: .background))
            return
        }
        let c = state.composer
        let text = c.findings.isEmpty ? " ✓ valid" : " \(c.errorCount) error\(c.errorCount == 1 ? "" : "s"), \(c.warningCount) warning\(c.warningCount == 1 ? "" : "s")"
        buf.write(text, x: r.x, y: r.y, style: Style(fg: c.errorCount > 0 ? .error : (c.warningCount > 0 ? .warning : .success), bg: .background))
    }
}

/// The bottom row: key hints for the focused pane, generated from the key table.
enum FooterView {
    static func render(_ state: AppState, in r: Rect, into buf: inout CellBuffer) {
        buf.fill(r, style: Style(fg: .muted, bg: .surface))
        // Dialogs list their own keys; the footer keeps the hints of what is underneath.
        var context = state.keyContext
        if case .pane = context {} else if state.overlay != nil { context = .pane(state.focus) }
        let scopes = context.footerScopes
        let hints = state.keymap.footer(primary: scopes.primary, others: scopes.others)
        var x = r.x + 1
        for (key, what) in hints {
            let w = DisplayWidth.of(key) + DisplayWidth.of(what) + 3
            if x + w > r.maxX { break }
            x = buf.write(key, x: x, y: r.y, style: Style(fg: .accent, bg: .surface, [.bold]))
            x = buf.write(" \(what)  ", x: x, y: r.y, style: Style(fg: .muted, bg: .surface))
        }
    }
}
