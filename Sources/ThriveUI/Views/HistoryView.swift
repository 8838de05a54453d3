import Foundation
import TerminalScreen
import ThriveCore

/// The history pane: one row per send — time, endpoint, event names, status by class, latency, error in words.
enum HistoryView {
    static func render(_ state: AppState, in r: Rect, into buf: inout CellBuffer) {
        let h = state.history
        let focused = state.focus == .history
        let inner = Box.inner(r)
        let follow = h.follow ? "" : "scrolled · "
        Box.draw(r, title: "History", focused: focused, into: &buf, right: h.count == 0 ? "" : "\(follow)\(h.selection + 1)/\(h.count)")
        guard !inner.isEmpty else { return }
        if h.count == 0 {
            buf.write("Nothing sent yet. Pick a template, fill it in, press Ctrl-S.", x: inner.x + 1, y: inner.y, style: Style(fg: .muted, bg: .surface), clip: inner)
            return
        }
        let entries = h.store.entries
        for (k, i) in h.scroll.visible.enumerated() where entries.indices.contains(i) {
            row(entries[i], selected: i == h.selection, focused: focused, spinner: state.spinnerFrame, y: inner.y + k, in: inner, into: &buf)
        }
    }

    static func row(_ e: HistoryEntry, selected: Bool, focused: Bool, spinner: Int, y: Int, in inner: Rect, into buf: inout CellBuffer) {
        let bg: Role = selected ? (focused ? .selection : .surface) : .surface
        buf.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: Style(fg: .text, bg: bg))
        let attrs: TextAttributes = selected && !focused ? [.underline] : []
        var x = buf.write(time(e.sentAt) + " ", x: inner.x, y: y, style: Style(fg: .muted, bg: bg, attrs), clip: inner)
        x = buf.write(TextFit.pad(e.endpoint.rawValue, 9), x: x, y: y, style: Style(fg: .accent, bg: bg, attrs), clip: inner)
        let (statusText, role) = status(e, spinner: spinner)
        x = buf.write(TextFit.pad(statusText, 10), x: x, y: y, style: Style(fg: role, bg: bg, attrs.union(.bold)), clip: inner)
        let latency = e.latency.map { ms($0) } ?? ""
        x = buf.write(TextFit.pad(latency, 8), x: x, y: y, style: Style(fg: .muted, bg: bg, attrs), clip: inner)
        let names = e.eventNames
        let label = names.count > 1 ? "\(names[0]) +\(names.count - 1)" : (names.first ?? "")
        let detail: String
        switch e.status {
        case .inFlight: detail = ""
        case .failed(_, let message): detail = message
        case .answered(let code) where !(200..<300).contains(code): detail = e.summary
        case .answered: detail = e.retries > 0 ? "retried \(e.retries)×" : e.target
        }
        x = buf.write(TextFit.pad(label, 22) + " ", x: x, y: y, style: Style(fg: .text, bg: bg, attrs), clip: inner)
        let detailRole: Role = { if case .failed = e.status { return .error }; return .muted }()
        buf.write(TextFit.fit(detail, inner.maxX - x), x: x, y: y, style: Style(fg: detailRole, bg: bg, attrs), clip: inner)
    }

    static func status(_ e: HistoryEntry, spinner: Int) -> (String, Role) {
        switch e.status {
        case .inFlight: return (TitleBarView.spinner[spinner % TitleBarView.spinner.count] + " …", .accent)
        case .answered(let code): return ("\(code)" + (e.retries > 0 ? " ↻\(e.retries)" : ""), DetailContent.statusRole(e))
        case .failed(let kind, _): return (kind.uppercased(), .status5xx)
        }
    }

    static func time(_ d: Date) -> String { String(Timestamp.format(d).dropFirst(11).prefix(8)) }

    static func ms(_ s: Double) -> String { s < 10 ? "\(Int((s * 1000).rounded())) ms" : String(format: "%.1f s", s) }
}
