import TerminalScreen
import ThriveCore

/// The exact request: method, URL, headers (key masked) and the pretty, coloured JSON body, from the
/// state's `PreviewModel` (only the lines in view are read).
enum PreviewView {
    static func render(_ state: AppState, in r: Rect, into buf: inout CellBuffer) {
        let p = state.preview
        let inner = Box.inner(r)
        let scroll = p.scroll
        Box.draw(r, title: "Preview", focused: state.focus == .preview, into: &buf,
                 right: p.lineCount > inner.height ? "\(scroll.offset + 1)-\(min(p.lineCount, scroll.offset + inner.height))/\(p.lineCount)" : "\(p.byteCount) B")
        guard !inner.isEmpty else { return }
        for (k, i) in scroll.visible.enumerated() where k < inner.height {
            var x = inner.x
            for run in p.line(i) {
                x = buf.write(run.text, x: x, y: inner.y + k, style: Style(fg: run.role, bg: .surface), clip: inner)
            }
            // A clipped line ends in … so a cut-off value is not mistaken for the whole value.
            if x > inner.maxX { buf.write("…", x: inner.maxX - 1, y: inner.y + k, style: Style(fg: .muted, bg: .surface), clip: inner) }
        }
    }
}
