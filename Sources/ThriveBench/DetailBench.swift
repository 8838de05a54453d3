import Foundation
import TerminalScreen
import ThriveCore
import ThriveUI

/// The details overlay with a big response: a 10 MB JSON body, opened with Enter on its history row, then scrolled.
enum DetailBench {
    /// A JSON response of about `megabytes` MB: an array of objects with strings, numbers and nesting.
    static func bigResponse(megabytes: Int = 10) -> String {
        var parts: [String] = []
        var size = 0, k = 0
        while size < megabytes * 1_048_576 {
            let item = #"{"id":"evt_\#(k)","user_id":"u_\#(k % 977)","ok":true,"score":\#(Double(k) * 0.5),"tags":["a","b","c"],"#
                + #""properties":{"plan":"pro","seats":\#(k % 50),"note":"\#(String(repeating: "x", count: 60))"}}"#
            parts.append(item)
            size += item.utf8.count + 1
            k += 1
        }
        return "[" + parts.joined(separator: ",") + "]"
    }

    static func openAndScroll() -> String {
        let body = bigResponse()
        let store = InMemoryHistoryStore()
        var state = UIBench.state(history: store)
        let request = RequestBuilder(target: .sandbox(port: 8787), apiKey: "k").build(endpoint: .track, body: state.composer.body)
        var entry = HistoryEntry(id: UUID(), sentAt: Date(), request: request, target: "SANDBOX 127.0.0.1:8787")
        entry.status = .answered(status: 200)
        entry.responseBody = body
        entry.summary = "200 OK in 12 ms"
        store.record(entry)
        state.history.reload()
        _ = update(&state, .terminal(.key(.backTab)))  // focus the history pane
        var open: [Double] = []
        for _ in 0..<5 {
            open.append(Measure.seconds {
                _ = update(&state, .terminal(.key(.enter)))
                _ = render(state)
            })
            _ = update(&state, .terminal(.key(.escape)))
        }
        _ = update(&state, .terminal(.key(.enter)))
        var scroll: [Double] = [], page: [Double] = []
        for k in 0..<1_000 {
            scroll.append(Measure.seconds { _ = update(&state, .terminal(.key(k % 200 < 100 ? .down : .up))); _ = render(state) })
        }
        for k in 0..<400 {
            page.append(Measure.seconds { _ = update(&state, .terminal(.key(k < 200 ? .pageDown : .pageUp))); _ = render(state) })
        }
        let lines: Int = { if case .detail(_, let o)? = state.overlay { return o.lines.count }; return 0 }()
        return "details of a \(String(format: "%.1f", Double(body.utf8.count) / 1_048_576)) MB JSON response (\(lines) lines at 120×40): open "
            + Measure.summary(open) + "\n  ↓/↑ " + Measure.summary(scroll) + "\n  PgDn/PgUp " + Measure.summary(page)
            + "\n  peak memory " + Measure.peakRSS()
    }
}
