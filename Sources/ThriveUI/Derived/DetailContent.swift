import Foundation
import TerminalScreen
import ThriveCore

/// The lines of a history entry's details: request line, headers, bodies, one logical line each. `TextWrap`
/// lays them out for the overlay's width when it opens or the width changes, never per frame.
enum DetailContent {
    /// The overlay for `e` at `width`: every row styled up front, or for a big response body (10 MB of JSON is
    /// common in a support case), the body laid out as bytes and its rows styled as they are drawn.
    static func overlay(_ e: HistoryEntry, width: Int) -> TextOverlay {
        guard e.responseBody.utf8.count >= BigBody.threshold else { return TextOverlay(wrapped: TextWrap.wrap(lines(e), width: width)) }
        var head = TextWrap.wrap(lines(e, body: false) + [[]], width: width)
        let body = BigBody.layout(e.responseBody, width: width, appendingTo: &head.index)
        var o = TextOverlay(lines: OverlayLines(head: head.lines, body: body))
        o.search = TextSearch(index: head.index)
        return o
    }

    static func lines(_ e: HistoryEntry, body: Bool = true) -> [StyledLine] {
        var out: [StyledLine] = [[StyledRun("\(e.method) \(e.url)", .accent)], [StyledRun("sent \(Timestamp.format(e.sentAt)) to \(e.target)", .muted)]]
        out += e.requestHeaders.map { [StyledRun("\($0.name): ", .muted), StyledRun($0.value, .text)] }
        out.append([])
        out += JSONStyling.lines(e.requestBody)
        out.append([])
        out.append([StyledRun("Response: ", .text), StyledRun(e.summary, statusRole(e.status))])
        out += e.responseHeaders.map { [StyledRun("\($0.name): ", .muted), StyledRun($0.value, .text)] }
        if body, !e.responseBody.isEmpty {
            out.append([])
            // JSON bodies are coloured like the request; anything else is shown raw, as the docs advise.
            if let json = try? JSONParser.parse(e.responseBody) {
                out += JSONStyling.lines(json)
            } else {
                out += rawLines(e.responseBody).map { [StyledRun($0, .text)] }
            }
        }
        return out
    }

    /// Splits on newlines by bytes: splitting a 10 MB body by Characters costs grapheme breaking twice.
    static func rawLines(_ text: String) -> [String] {
        text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            var bytes = Substring(line)
            if bytes.utf8.last == UInt8(ascii: "\r") { bytes = Substring(bytes.utf8.dropLast()) }
            return String(bytes)
        }
    }

    /// The columns text may use in the details modal: inside the frame, one column of margin each side.
    static func textWidth(_ layout: Layout) -> Int { layout.detailModal.width - 4 }

    /// The colour of a status: by class for answers, the error colour for failures.
    static func statusRole(_ status: HistoryEntry.Status) -> Role {
        switch status {
        case .inFlight: return .accent
        case .interrupted: return .warning
        case .answered(let code): return code < 300 ? .status2xx : (code < 500 ? .status4xx : .status5xx)
        case .failed: return .status5xx
        }
    }
}

extension AppState {
    /// Opens (or, after a resize, re-lays) the details of a history entry.
    mutating func openDetail(id: UUID, keepScroll: Bool = false) {
        guard let e = history.entry(id: id) else { overlay = nil; return }
        var o = DetailContent.overlay(e, width: DetailContent.textWidth(layout))
        if keepScroll, case .detail(_, let old)? = overlay { o.keepPlace(from: old) }
        overlay = .detail(id: id, o)
        syncDerived()
    }

    mutating func openHelp() {
        overlay = .help(TextOverlay(lines: HelpContent.lines(keymap)))
        syncDerived()
    }
}
