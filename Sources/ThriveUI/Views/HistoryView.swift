import Foundation
import TerminalScreen
import ThriveCore

/// The history pane: one row per send — time, status in words, latency, first event with its count and
/// user (so 200 sends of one event can be told apart), then the error or target. `/` puts a search line on top.
enum HistoryView {
    static func render(_ state: AppState, in r: Rect, into buf: inout CellBuffer) {
        let h = state.history
        let focused = state.focus == .history
        var inner = Box.inner(r)
        let follow = h.follow ? "" : "scrolled · "
        let matching = h.searchText.isEmpty ? "" : " matching"
        Box.draw(r, title: "History", focused: focused, into: &buf, right: h.count == 0 ? "" : "\(follow)\(h.selection + 1)/\(h.count)\(matching)")
        guard !inner.isEmpty else { return }
        if h.showsSearchLine {
            searchLine(h, focused: focused, y: inner.y, in: inner, into: &buf)
            inner = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1)
        }
        if let error = h.storeError {
            buf.write(TextFit.fit(error, inner.width - 1), x: inner.x + 1, y: inner.y, style: Style(fg: .error, bg: .surface), clip: inner)
            return
        }
        if h.count == 0 {
            let text = h.searchText.isEmpty ? "Nothing sent yet. Pick a template, fill it in, press Ctrl-S." : "No entry matches. Esc clears the search."
            buf.write(text, x: inner.x + 1, y: inner.y, style: Style(fg: .muted, bg: .surface), clip: inner)
            return
        }
        for (k, i) in h.scroll.visible.enumerated() {
            guard let row = h.row(i) else { continue }
            let marked = row.id == h.marked
            self.row(row, selected: i == h.selection, marked: marked, focused: focused, spinner: state.spinnerFrame, y: inner.y + k, in: inner, into: &buf)
        }
    }

    static func searchLine(_ h: HistoryPaneState, focused: Bool, y: Int, in inner: Rect, into buf: inout CellBuffer) {
        let line = Rect(x: inner.x, y: y, width: inner.width, height: 1)
        buf.fill(line, style: Style(fg: .text, bg: .surface))
        var x = buf.write("/ ", x: inner.x, y: y, style: Style(fg: .accent, bg: .surface, [.bold]), clip: line)
        let text = h.searchEditor?.text ?? h.searchText
        x = buf.write(text, x: x, y: y, style: Style(fg: .text, bg: .surface), clip: line)
        if h.isSearching, focused {
            let cursor = inner.x + 2 + DisplayWidth.of(String((h.searchEditor?.characters ?? []).prefix(h.searchEditor?.cursor ?? 0)))
            buf.write(" ", x: min(cursor, line.maxX - 1), y: y, style: Style(fg: .text, bg: .selection), clip: line)
            x = max(x, cursor + 1)
        }
        let note = h.searchPending ? "  …" : h.searchError.map { "  \($0)" } ?? "  \(h.count) match\(h.count == 1 ? "" : "es")"
        buf.write(TextFit.fit(note, line.maxX - x), x: x, y: y, style: Style(fg: h.searchError == nil ? .muted : .error, bg: .surface), clip: line)
    }

    static func row(_ e: HistorySummary, selected: Bool, marked: Bool, focused: Bool, spinner: Int, y: Int, in inner: Rect, into buf: inout CellBuffer) {
        let bg: Role = selected ? (focused ? .selection : .surface) : .surface
        buf.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: Style(fg: .text, bg: bg))
        let attrs: TextAttributes = selected && !focused ? [.underline] : []
        var x = buf.write(marked ? "◆" : " ", x: inner.x, y: y, style: Style(fg: .accent, bg: bg, attrs.union(.bold)), clip: inner)
        x = buf.write(time(e.sentAt) + " ", x: x, y: y, style: Style(fg: .muted, bg: bg, attrs), clip: inner)
        let (statusText, role) = status(e, spinner: spinner)
        x = buf.write(TextFit.pad(statusText, 22), x: x, y: y, style: Style(fg: role, bg: bg, attrs.union(.bold)), clip: inner)
        let latency = e.latency.map { ms($0) } ?? ""
        x = buf.write(TextFit.pad(latency, 8), x: x, y: y, style: Style(fg: .muted, bg: bg, attrs), clip: inner)
        let label = e.eventCount > 1 ? "\(e.firstEventName) ×\(e.eventCount)" : e.firstEventName
        x = buf.write(TextFit.pad(label, 22) + " ", x: x, y: y, style: Style(fg: .text, bg: bg, attrs), clip: inner)
        // User ids are often UUIDs: the subject gets what the detail can spare, between 12 and 36 columns.
        let subjectWidth = min(36, max(12, inner.maxX - x - 18))
        x = buf.write(TextFit.pad(e.subject ?? "", subjectWidth) + " ", x: x, y: y, style: Style(fg: .accent, bg: bg, attrs), clip: inner)
        let detail: String
        switch e.status {
        case .inFlight: detail = ""
        case .failed(_, let message): detail = message
        case .interrupted: detail = e.summary
        case .answered(let code) where !(200..<300).contains(code): detail = e.summary
        case .answered: detail = e.retries > 0 ? "retried \(e.retries)× · \(e.target)" : e.target
        }
        let detailRole: Role = { if case .failed = e.status { return .error }; return .muted }()
        buf.write(TextFit.fit(detail, inner.maxX - x), x: x, y: y, style: Style(fg: detailRole, bg: bg, attrs), clip: inner)
    }

    /// The status in words: `200 OK`, `429 Too Many Requests ↻2`, `refused`, `cancelled`, `interrupted`.
    static func status(_ e: HistorySummary, spinner: Int) -> (String, Role) {
        switch e.status {
        case .inFlight: return (TitleBarView.spinner[spinner % TitleBarView.spinner.count] + " sending", .accent)
        case .answered(let code):
            let words = "\(code) " + statusWords(code) + (e.retries > 0 ? " ↻\(e.retries)" : "")
            return (words, DetailContent.statusRole(e.status))
        case .failed(let kind, _): return (kind, kind == "cancelled" ? .warning : .status5xx)
        case .interrupted: return ("interrupted", .warning)
        }
    }

    /// The standard words, so a row says `429 Too Many Requests`, not `429`; the few long ones shortened to fit
    /// the column.
    static func statusWords(_ code: Int) -> String {
        let short = [500: "Server Error", 503: "Unavailable", 504: "Gateway Timeout", 413: "Too Large", 422: "Unprocessable"]
        return short[code] ?? HTTPResponse.standardReason(code) ?? HTTPResponse.reasonPhrase(code)
    }

    static func time(_ d: Date) -> String { String(Timestamp.format(d).dropFirst(11).prefix(8)) }

    static func ms(_ s: Double) -> String { s < 10 ? "\(Int((s * 1000).rounded())) ms" : String(format: "%.1f s", s) }
}
