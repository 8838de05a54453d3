import Foundation
import TerminalScreen
import ThriveCore

/// A centred framed box over the panes, returning its inner area.
enum Modal {
    static func frame(title: String, width: Int, height: Int, into buf: inout CellBuffer, border: Role = .focus) -> Rect {
        let w = min(width, buf.size.width - 4), h = min(height, buf.size.height - 2)
        let r = Rect(x: (buf.size.width - w) / 2, y: (buf.size.height - h) / 2, width: w, height: h)
        Box.draw(r, title: title, focused: true, into: &buf)
        buf.restyle(Rect(x: r.x, y: r.y, width: r.width, height: 1)) { if $0.fg == .focus { $0.fg = border } }
        buf.cursor = nil
        return Box.inner(r)
    }

    static func lines(_ lines: [(String, Role)], scroll: Int, in inner: Rect, into buf: inout CellBuffer) {
        styled(lines.map { [$0] }, scroll: scroll, in: inner, into: &buf)
    }

    static func styled(_ lines: [StyledLine], scroll: Int, in inner: Rect, into buf: inout CellBuffer) {
        let maxScroll = max(0, lines.count - inner.height)
        for (k, line) in lines.dropFirst(min(scroll, maxScroll)).prefix(inner.height).enumerated() {
            var x = inner.x + 1
            for (text, role) in line {
                x = buf.write(text, x: x, y: inner.y + k, style: Style(fg: role, bg: .surface), clip: inner)
            }
        }
    }
}

/// `?`: every key binding, generated from the key table.
enum HelpOverlay {
    static func lines() -> [(String, Role)] {
        var out: [(String, Role)] = []
        let sections: [(String, Pane?)] = [("Everywhere", nil), ("Templates", .templates), ("Form", .form), ("History", .history)]
        for (title, pane) in sections {
            out.append((title, .primary))
            for b in Keymap.bindings where b.pane == pane {
                out.append(("  " + Box.pad(b.label, 12) + b.help, .text))
            }
            out.append(("", .text))
        }
        out.append(("Text fields: ←/→ Home/End ^A/^E move, ^W word delete, ^U/^K delete to start/end.", .muted))
        out.append(("Raw JSON (F2): the text is never lost; errors show as line:column.", .muted))
        out.append(("Any key closes this help.", .muted))
        return out
    }

    static func render(_ state: AppState, scroll: Int, into buf: inout CellBuffer) {
        let all = lines()
        // When the help does not fit, the title says how to see the rest.
        let fits = all.count + 2 <= buf.size.height - 2
        let inner = Modal.frame(title: fits ? "Help: keys" : "Help: keys (↑/↓ PgUp/PgDn scroll, any other key closes)",
                                width: 76, height: all.count + 2, into: &buf)
        Modal.lines(all, scroll: scroll, in: inner, into: &buf)
    }
}

/// Enter on a history row: the full request and response.
enum DetailOverlay {
    static func lines(_ e: HistoryEntry, width: Int) -> [StyledLine] {
        var out: [StyledLine] = [[("\(e.method) \(e.url)", .accent)], [("sent \(Timestamp.format(e.sentAt)) to \(e.target)", .muted)]]
        out += e.requestHeaders.map { [("\($0.name): ", .muted), ($0.value, .text)] }
        out.append([])
        out += JSONStyling.lines(e.requestBody)
        out.append([])
        let (_, role) = HistoryView.status(e, spinner: 0)
        out.append([("Response: ", .text), (e.summary, role)])
        out += e.responseHeaders.map { [("\($0.name): ", .muted), ($0.value, .text)] }
        if !e.responseBody.isEmpty {
            out.append([])
            // JSON bodies are coloured like the request; anything else is shown raw, wrapped, as the docs advise.
            if let json = try? JSONParser.parse(e.responseBody) {
                out += JSONStyling.lines(json)
            } else {
                out += Box.wrap(e.responseBody, max(10, width - 2)).map { [($0, .text)] }
            }
        }
        return out
    }

    static func render(_ state: AppState, id: UUID, scroll: Int, into buf: inout CellBuffer) {
        guard let e = state.history.store.entries.last(where: { $0.id == id }) else { return }
        let width = buf.size.width - 6
        let all = lines(e, width: width)
        let inner = Modal.frame(title: "Request and response (r replays, Esc closes)", width: width, height: buf.size.height - 2, into: &buf)
        Modal.styled(all, scroll: scroll, in: inner, into: &buf)
    }
}

/// Ctrl-S with errors in the draft: the errors, and y/n.
enum ConfirmOverlay {
    static func render(errors: [String], into buf: inout CellBuffer) {
        var all: [(String, Role)] = [("The API would reject this request:", .text), ("", .text)]
        all += errors.prefix(6).map { ("✗ " + $0, .error) }
        if errors.count > 6 { all.append(("… and \(errors.count - 6) more", .error)) }
        all += [("", .text), ("Send anyway?  y = send   n/Esc = back to editing", .warning)]
        let width = min(buf.size.width - 4, max(50, (all.map { DisplayWidth.of($0.0) }.max() ?? 40) + 4))
        let inner = Modal.frame(title: "Send with errors?", width: width, height: all.count + 2, into: &buf, border: .warning)
        Modal.lines(all.map { (Box.fit($0.0, width - 4), $0.1) }, scroll: 0, in: inner, into: &buf)
    }
}

/// Loading a template or a history entry over a changed draft: discard it?
enum DiscardOverlay {
    static func render(_ state: AppState, pending: PendingLoad, into buf: inout CellBuffer) {
        let what: String
        switch pending {
        case .template(let name): what = "Start a new \(name) draft?"
        case .replay(let id):
            let name = state.history.store.entries.last { $0.id == id }?.eventNames.first ?? "history"
            what = "Load the \(name) request from history?"
        }
        let c = state.composer
        let detail = c.mode == .raw && c.rawError != nil ? "Your raw JSON does not parse yet and would be lost."
            : "Your changes to the current draft would be lost."
        let all: [(String, Role)] = [(what, .text), (detail, .warning), ("", .text), ("y = discard and load   n/Esc = keep editing", .muted)]
        let width = min(buf.size.width - 4, (all.map { DisplayWidth.of($0.0) }.max() ?? 40) + 4)
        let inner = Modal.frame(title: "Discard your draft?", width: width, height: all.count + 2, into: &buf, border: .warning)
        Modal.lines(all, scroll: 0, in: inner, into: &buf)
    }
}
