import Foundation
import TerminalScreen
import ThriveCore

/// The batch view: one row per event (mark, number and source line, event, user, timestamp, send state), the
/// selected event's first finding under the list, and the view's keys. Draws only the rows in sight.
enum BatchOverlay {
    /// Rows of the list inside the frame: a heading above; a rule, a finding line and a keys line below.
    static func listHeight(_ layout: Layout) -> Int { max(1, Layout.innerHeight(layout.detailModal) - 4) }

    static func render(_ state: AppState, _ view: BatchView, into buf: inout CellBuffer) {
        let c = state.composer
        let name = state.importedBatch?.name ?? "the draft"
        var title = "Batch: \(name) · \(c.eventCount) event\(c.eventCount == 1 ? "" : "s")"
        if view.errorEvents > 0 { title += " · \(view.errorEvents) with errors" }
        if view.warningEvents > 0 { title += " · \(view.warningEvents) with warnings" }
        if view.errorsOnly { title += " · showing errors only" }
        let inner = Modal.frame(state.layout.detailModal, title: title, into: &buf, border: view.errorEvents > 0 ? .warning : .focus)
        guard inner.height >= 5, inner.width >= 20 else { return }
        let cols = Columns(width: inner.width - 2, sourceWidth: sourceWidth(c))
        let x = inner.x + 1
        buf.write(cols.line(mark: " ", source: "#", event: "event", user: "user", time: "timestamp", sent: "send state"),
                  x: x, y: inner.y, style: Style(fg: .muted, bg: .surface, [.bold]), clip: inner)
        let height = min(listHeight(state.layout), inner.height - 4)
        if view.rows.isEmpty {
            buf.write(view.errorsOnly ? "no event has an error (e shows all)" : "the draft has no events", x: x, y: inner.y + 1,
                      style: Style(fg: .muted, bg: .surface), clip: inner)
        }
        for (k, i) in view.scroll.visible.enumerated() where k < height {
            let event = view.rows[i]
            let y = inner.y + 1 + k
            let selected = i == view.scroll.selection
            let bg: Role = selected ? .selection : .surface
            buf.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: Style(fg: .text, bg: bg))
            let worst = c.worstSeverity(event: event)
            let (mark, role): (String, Role) = worst == .error ? ("✗", .error) : (worst == .warning ? ("!", .warning) : ("✓", .success))
            buf.write(mark, x: x, y: y, style: Style(fg: role, bg: bg, [.bold]), clip: inner)
            let e = c.events[event]
            let number = c.sources.map { $0.indices.contains(event) ? $0[event].number : event + 1 } ?? event + 1
            let sent = state.importedBatch?.sendState(of: number) ?? .notSent
            let text = cols.line(mark: "", source: source(c, event), event: eventName(e, c.endpoint), user: e["user_id"]?.stringValue ?? "—",
                                 time: e["timestamp"]?.stringValue ?? "—", sent: sent.words)
            buf.write(text, x: x + 2, y: y, style: Style(fg: .text, bg: bg, selected ? [.bold] : []), clip: inner)
        }
        let findingY = inner.maxY - 2
        if let run = state.replay {
            // While a replay runs the rule under the list is its progress bar, so the list keeps its height.
            buf.fill(Rect(x: inner.x, y: findingY - 1, width: inner.width, height: 1), style: Style(fg: .text, bg: .surface))
            buf.write(ReplayText.bar(run, fitting: inner.width - 2), x: x, y: findingY - 1,
                      style: Style(fg: run.paused || run.cancelling ? .warning : .accent, bg: .surface, [.bold]), clip: inner)
        } else {
            buf.write(String(repeating: "─", count: inner.width), x: inner.x, y: findingY - 1, style: Style(fg: .border, bg: .surface), clip: inner)
        }
        var fixWords = "F fixes every event like this one"
        if let k = view.selectedEvent {
            let findings = c.eventFindings.indices.contains(k) ? c.eventFindings[k] : []
            let first = findings.first { $0.severity == .error } ?? findings.first
            let line: (String, Role) = first.map { f in
                ((f.severity == .error ? "✗ " : "! ") + (findings.count > 1 ? "(1 of \(findings.count)) " : "") + c.describe(f), f.severity == .error ? .error : .warning)
            } ?? ("✓ \(c.label(event: k)): no findings", .success)
            buf.write(TextFit.fit(line.0, inner.width - 2), x: x, y: findingY, style: Style(fg: line.1, bg: .surface), clip: inner)
            if let fix = fixableFinding(c, event: k)?.fix { fixWords = "F: \(fix.summary) in every event like this" }
        }
        let keys = state.replay.map { run in
            (run.paused ? "p resumes" : "p pauses") + " · Esc cancels the replay · b closes (the replay goes on) · Enter edits"
        } ?? "Esc closes · s sends all · Enter edits · e errors only · \(fixWords)"
        buf.write(TextFit.fit(keys, inner.width - 2), x: x, y: inner.maxY - 1, style: Style(fg: .muted, bg: .surface), clip: inner)
    }

    /// `13 · line 13`, or the bare number for a draft that was not imported.
    static func source(_ c: ComposerState, _ k: Int) -> String {
        if let s = c.sources, s.indices.contains(k) { return s[k].shortLabel }
        return "\(k + 1)"
    }

    /// Wide enough for the last event's label, which has the most digits (numbers and lines grow through a file).
    static func sourceWidth(_ c: ComposerState) -> Int {
        guard c.eventCount > 0 else { return 4 }
        return max(4, DisplayWidth.of(source(c, c.eventCount - 1)) + 1)
    }

    static func eventName(_ e: JSONValue, _ endpoint: Endpoint) -> String {
        if let n = e["event_name"]?.stringValue { return n }
        if let n = e["event"]?.stringValue { return n }  // under the wrong key: the mark and the finding line say so
        return endpoint == .track ? "—" : endpoint.rawValue
    }

    /// Column widths for the list: the timestamp and send state keep their room; event and user share the rest.
    struct Columns {
        var source: Int, event: Int, user: Int, time: Int, sent: Int

        init(width: Int, sourceWidth: Int) {
            source = min(sourceWidth, max(4, width / 5))
            time = width >= 70 ? 21 : 0
            sent = min(22, max(9, width / 4 - 2))
            let rest = max(0, width - 2 - source - time - sent - 3)
            event = rest * 3 / 5
            user = rest - event
        }

        func line(mark: String, source s: String, event e: String, user u: String, time t: String, sent st: String) -> String {
            var out = mark.isEmpty ? "" : TextFit.pad(mark, 2)
            out += TextFit.pad(s, source) + " " + TextFit.pad(e, event - 1) + " " + TextFit.pad(u, user - 1) + " "
            if time > 0 { out += TextFit.pad(t, time - 1) + " " }
            return out + TextFit.fit(st, sent)
        }
    }
}

/// The `o` prompt on the footer row: the path with its cursor, and the prompt's keys at the right.
enum PathPromptView {
    static func render(_ state: AppState, _ p: OpenPrompt, in r: Rect, into buf: inout CellBuffer) {
        buf.fill(r, style: Style(fg: .text, bg: .surface))
        let x = buf.write(" \(p.purpose.words.label): ", x: r.x, y: r.y, style: Style(fg: .accent, bg: .surface, [.bold]), clip: r)
        let keys = "Tab completes · Enter \(p.purpose.words.enter) · Esc cancels "
        let room = max(1, r.maxX - x - DisplayWidth.of(keys) - 1)
        let slice = p.editor.visibleSlice(width: room)
        buf.write(slice.text, x: x, y: r.y, style: Style(fg: .text, bg: .background), clip: r)
        if r.maxX - DisplayWidth.of(keys) > x + room {
            buf.write(keys, x: r.maxX - DisplayWidth.of(keys), y: r.y, style: Style(fg: .muted, bg: .surface), clip: r)
        }
        buf.cursor = Point(x: min(r.maxX - 1, x + slice.cursorColumn), y: r.y)
    }
}
