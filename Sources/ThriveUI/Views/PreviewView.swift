import TerminalScreen
import ThriveCore

/// The exact request: method, URL, headers (key masked) and the pretty, coloured JSON body.
enum PreviewView {
    /// `body` is the composer's `previewBody`, computed once per frame by the caller.
    static func lines(_ state: AppState, body: JSONValue) -> [StyledLine] {
        let c = state.composer
        let request = state.target.previewBuilder.build(endpoint: c.endpoint, body: body)
        var out: [StyledLine] = []
        let url = state.target.builder == nil ? request.url.absoluteString.replacingOccurrences(of: ":0/", with: ":…/") : request.url.absoluteString
        out.append([("POST ", .accent), (url, .text)])
        for h in request.maskedHeaders { out.append([(h.name + ": ", .muted), (h.value, .text)]) }
        out.append([])
        if c.rawError != nil { out.append([("(showing the last JSON that parsed)", .warning)]) }
        out += JSONStyling.lines(request.body)
        return out
    }

    static func render(_ state: AppState, in r: Rect, into buf: inout CellBuffer) {
        let body = state.composer.previewBody
        let all = lines(state, body: body)
        let inner = Box.inner(r)
        let maxScroll = max(0, all.count - inner.height)
        let scroll = min(state.composer.previewScroll, maxScroll)
        let size = body.compactByteCount
        Box.draw(r, title: "Preview", focused: state.focus == .preview, into: &buf,
                 right: all.count > inner.height ? "\(scroll + 1)-\(min(all.count, scroll + inner.height))/\(all.count)" : "\(size) B")
        guard !inner.isEmpty else { return }
        for (k, line) in all.dropFirst(scroll).prefix(inner.height).enumerated() {
            var x = inner.x
            for (text, role) in line {
                x = buf.write(text, x: x, y: inner.y + k, style: Style(fg: role, bg: .surface), clip: inner)
            }
            // A clipped line ends in … so a cut-off value is not mistaken for the whole value.
            if x > inner.maxX { buf.write("…", x: inner.maxX - 1, y: inner.y + k, style: Style(fg: .muted, bg: .surface), clip: inner) }
        }
    }
}
