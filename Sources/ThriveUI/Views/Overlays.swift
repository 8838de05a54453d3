import Foundation
import TerminalScreen
import ThriveCore

/// A centred framed box over the panes, returning its inner area.
enum Modal {
    static func frame(_ r: Rect, title: String, into buf: inout CellBuffer, border: Role = .focus) -> Rect {
        Box.draw(r, title: title, focused: true, into: &buf)
        buf.restyle(Rect(x: r.x, y: r.y, width: r.width, height: 1)) { if $0.fg == .focus { $0.fg = border } }
        buf.cursor = nil
        return Box.inner(r)
    }

    static func lines(_ lines: [(String, Role)], in inner: Rect, into buf: inout CellBuffer) {
        for (k, line) in lines.prefix(inner.height).enumerated() {
            buf.write(line.0, x: inner.x + 1, y: inner.y + k, style: Style(fg: line.1, bg: .surface), clip: inner)
        }
    }

    static func styled<Lines: RandomAccessCollection<StyledLine>>(_ lines: Lines, scroll: ScrollState, in inner: Rect,
                                                                  into buf: inout CellBuffer) where Lines.Index == Int {
        for (k, i) in scroll.visible.enumerated() where k < inner.height && lines.indices.contains(i) {
            var x = inner.x + 1
            for run in lines[i] {
                x = buf.write(run.text, x: x, y: inner.y + k, style: Style(fg: run.role, bg: .surface), clip: inner)
            }
        }
    }
}

/// `?`: every key binding, from the lines the overlay was opened with (generated from the keymap).
enum HelpOverlay {
    static func render(_ state: AppState, _ o: TextOverlay, into buf: inout CellBuffer) {
        // When the help does not fit, the title says how to see the rest.
        let frame = state.layout.helpModal(lines: o.lines.count)
        let fits = o.lines.count + 2 <= frame.height
        let inner = Modal.frame(frame, title: fits ? "Help: keys" : "Help: keys (↑/↓ PgUp/PgDn scroll, any other key closes)", into: &buf)
        Modal.styled(o.lines, scroll: o.scroll, in: inner, into: &buf)
    }
}

/// Enter on a history row: the full request and response.
enum DetailOverlay {
    static func render(_ state: AppState, _ o: TextOverlay, into buf: inout CellBuffer) {
        TextOverlayView.render(o, in: state.layout.detailModal, title: "Request and response (/ searches, r replays, Esc closes)", into: &buf)
    }
}

/// `=` on a history row with another marked: what differs between the two.
enum CompareOverlay {
    static func render(_ state: AppState, _ o: TextOverlay, into buf: inout CellBuffer) {
        TextOverlayView.render(o, in: state.layout.detailModal, title: "Compare (/ searches, Esc closes)", into: &buf)
    }
}

/// A framed scrolling text with its search line at the bottom; matches highlighted, the current one more.
enum TextOverlayView {
    static func render(_ o: TextOverlay, in frame: Rect, title: String, into buf: inout CellBuffer) {
        var inner = Modal.frame(frame, title: title, into: &buf)
        guard let search = o.search, !inner.isEmpty else {
            Modal.styled(o.lines, scroll: o.scroll, in: inner, into: &buf)
            return
        }
        if search.showsLine {
            inner.height -= 1
            searchLine(search, in: Rect(x: inner.x, y: inner.maxY, width: inner.width, height: 1), into: &buf)
        }
        for (k, i) in o.scroll.visible.enumerated() where k < inner.height && o.lines.indices.contains(i) {
            line(o.lines[i], number: i, search: search, x: inner.x + 1, y: inner.y + k, clip: inner, into: &buf)
        }
    }

    static func line(_ runs: StyledLine, number i: Int, search: TextSearch, x: Int, y: Int, clip: Rect, into buf: inout CellBuffer) {
        var x = x
        let marks = search.highlights(line: i)
        let skip = search.index.continuation[i] ? 1 : 0
        for run in runs.prefix(skip) { x = buf.write(run.text, x: x, y: y, style: Style(fg: run.role, bg: .surface), clip: clip) }
        guard !marks.isEmpty else {
            for run in runs.dropFirst(skip) { x = buf.write(run.text, x: x, y: y, style: Style(fg: run.role, bg: .surface), clip: clip) }
            return
        }
        // Character by character only on lines with a match: the folded byte offsets say which are inside one.
        var offset = search.index.lineStart[i], m = 0
        for run in runs.dropFirst(skip) {
            var segment = "", state = 0
            for c in run.text {
                let end = offset + SearchIndex.foldedLength(c)
                while m < marks.count, marks[m].range.upperBound <= offset { m += 1 }
                let inside = m < marks.count && marks[m].range.lowerBound < end
                let now = inside ? (marks[m].current ? 2 : 1) : 0
                if now != state, !segment.isEmpty {
                    x = buf.write(segment, x: x, y: y, style: style(run.role, state), clip: clip)
                    segment = ""
                }
                state = now
                segment.append(c)
                offset = end
            }
            if !segment.isEmpty { x = buf.write(segment, x: x, y: y, style: style(run.role, state), clip: clip) }
        }
    }

    static func style(_ role: Role, _ state: Int) -> Style {
        switch state {
        case 1: return Style(fg: .text, bg: .selection)
        case 2: return Style(fg: .background, bg: .warning, [.bold])
        default: return Style(fg: role, bg: .surface)
        }
    }

    static func searchLine(_ s: TextSearch, in line: Rect, into buf: inout CellBuffer) {
        buf.fill(line, style: Style(fg: .text, bg: .surface))
        var x = buf.write("/ ", x: line.x + 1, y: line.y, style: Style(fg: .accent, bg: .surface, [.bold]), clip: line)
        if let editor = s.editor {
            let shown = editor.visibleSlice(width: max(1, line.maxX - x - 24))
            buf.write(shown.text, x: x, y: line.y, style: Style(fg: .text, bg: .surface), clip: line)
            buf.cursor = Point(x: x + shown.cursorColumn, y: line.y)
            x += max(DisplayWidth.of(shown.text), shown.cursorColumn + 1)
        } else {
            x = buf.write(TextFit.fit(s.query, max(1, line.width / 2)), x: x, y: line.y, style: Style(fg: .text, bg: .surface), clip: line)
        }
        let keys = s.isEditing ? "Enter keeps · Esc closes" : "n/N next/previous · / edits · Esc closes"
        let role: Role = s.needle.isEmpty ? .muted : (s.total == 0 ? .error : .muted)
        let note = "   \(s.summary)   \(keys)"
        buf.write(TextFit.fit(note, max(0, line.maxX - x)), x: x, y: line.y, style: Style(fg: role, bg: .surface), clip: line)
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
        let inner = Modal.frame(Layout(size: buf.size).modal(width: width, height: all.count + 2), title: "Send with errors?", into: &buf, border: .warning)
        Modal.lines(all.map { (TextFit.fit($0.0, width - 4), $0.1) }, in: inner, into: &buf)
    }
}

/// Loading a template or a history entry over a changed draft: discard it?
enum DiscardOverlay {
    static func render(_ state: AppState, pending: PendingLoad, into buf: inout CellBuffer) {
        let what: String
        switch pending {
        case .template(let name): what = "Start a new \(name) draft?"
        case .replay(let id):
            let name = state.history.entry(id: id)?.eventNames.first ?? "history"
            what = "Load the \(name) request from history?"
        case .imported(let name, let events):
            what = "Load \(events) event\(events == 1 ? "" : "s") from \(name) as a new draft?"
        }
        let c = state.composer
        let detail = c.mode == .raw && c.rawError != nil ? "Your raw JSON does not parse yet and would be lost."
            : "Your changes to the current draft would be lost."
        let all: [(String, Role)] = [(what, .text), (detail, .warning), ("", .text), ("y = discard and load   n/Esc = keep editing", .muted)]
        let width = min(buf.size.width - 4, (all.map { DisplayWidth.of($0.0) }.max() ?? 40) + 4)
        let inner = Modal.frame(state.layout.modal(width: width, height: all.count + 2), title: "Discard your draft?", into: &buf, border: .warning)
        Modal.lines(all, in: inner, into: &buf)
    }
}

/// The replay's yes/no questions: send to LIVE, cancel the replay, quit while it runs. No is the default.
enum QuestionOverlay {
    static func render(_ state: AppState, _ q: ReplayQuestion, into buf: inout CellBuffer) {
        let title: String
        var all: [(String, Role)]
        switch q {
        case .sendLive(let n), .sendDraftLive(let n):
            title = "Send to LIVE?"
            all = [("Send \(ReplayText.grouped(n)) event\(n == 1 ? "" : "s") to \(state.badge)? (y/N, a: don't ask again this run)", .text)]
            if case .sendLive = q { all.append(("Events it already accepted are skipped; events with errors are not sent.", .muted)) }
        case .cancelReplay:
            title = "Cancel the replay?"
            all = [("Cancel the replay? (y/N)", .text),
                   ("Requests in flight finish; the rest is not sent. s later sends only what is left.", .muted)]
        case .quit:
            title = "Quit during a replay?"
            let left = state.replay.map { ReplayText.grouped($0.counts.left) } ?? "some"
            all = [("A replay is running: \(left) events left. Quit anyway? (y/N)", .text),
                   ("It can be resumed: open the same file and press s; only what is left is sent.", .muted)]
        }
        all += [("", .text), (q.asksAboutLive ? "y = yes   a = yes, and don't ask again   n/Esc = no" : "y = yes   n/Esc = no", .muted)]
        let width = min(buf.size.width - 4, (all.map { DisplayWidth.of($0.0) }.max() ?? 40) + 4)
        let inner = Modal.frame(state.layout.modal(width: width, height: all.count + 2), title: title, into: &buf, border: .warning)
        Modal.lines(all.map { (TextFit.fit($0.0, width - 4), $0.1) }, in: inner, into: &buf)
    }
}
