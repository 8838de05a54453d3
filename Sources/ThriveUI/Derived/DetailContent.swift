import Foundation
import TerminalScreen
import ThriveCore

/// The lines of a history entry's details: request line, headers, bodies. Worked out when the overlay
/// opens or the width changes, never per frame.
enum DetailContent {
    static func lines(_ e: HistoryEntry, width: Int) -> [StyledLine] {
        var out: [StyledLine] = [[StyledRun("\(e.method) \(e.url)", .accent)], [StyledRun("sent \(Timestamp.format(e.sentAt)) to \(e.target)", .muted)]]
        out += e.requestHeaders.map { [StyledRun("\($0.name): ", .muted), StyledRun($0.value, .text)] }
        out.append([])
        out += JSONStyling.lines(e.requestBody)
        out.append([])
        out.append([StyledRun("Response: ", .text), StyledRun(e.summary, statusRole(e))])
        out += e.responseHeaders.map { [StyledRun("\($0.name): ", .muted), StyledRun($0.value, .text)] }
        if !e.responseBody.isEmpty {
            out.append([])
            // JSON bodies are coloured like the request; anything else is shown raw, wrapped, as the docs advise.
            if let json = try? JSONParser.parse(e.responseBody) {
                out += JSONStyling.lines(json)
            } else {
                out += TextFit.wrap(e.responseBody, max(10, width - 2)).map { [StyledRun($0, .text)] }
            }
        }
        return out
    }

    /// The colour of a status: by class for answers, the error colour for failures.
    static func statusRole(_ e: HistoryEntry) -> Role {
        switch e.status {
        case .inFlight: return .accent
        case .answered(let code): return code < 300 ? .status2xx : (code < 500 ? .status4xx : .status5xx)
        case .failed: return .status5xx
        }
    }
}

extension AppState {
    /// Opens (or, after a resize, re-lays) the details of a history entry.
    mutating func openDetail(id: UUID, keepScroll: Bool = false) {
        guard let e = history.entry(id: id) else { overlay = nil; return }
        var o = TextOverlay(lines: DetailContent.lines(e, width: layout.detailModal.width))
        if keepScroll, case .detail(_, let old)? = overlay { o.scroll = old.scroll }
        overlay = .detail(id: id, o)
        syncDerived()
    }

    mutating func openHelp() {
        overlay = .help(TextOverlay(lines: HelpContent.lines(keymap)))
        syncDerived()
    }
}
