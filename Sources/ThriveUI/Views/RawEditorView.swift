import Foundation
import TerminalScreen
import ThriveCore

/// Raw JSON mode: the whole body as editable text, with line numbers and the parse error's line:column.
enum RawEditorView {
    static func render(_ state: AppState, in r: Rect, into buf: inout CellBuffer) {
        let c = state.composer
        let area = c.raw
        let focused = state.focus == .form
        let status = c.rawError.map { "✗ \($0.line):\($0.column)" } ?? "✓ parses"
        Box.draw(r, title: "Raw JSON", focused: focused, into: &buf, right: status)
        let inner = Box.inner(r)
        guard inner.height >= 2 else { return }
        let errorRows = c.rawError == nil ? 0 : min(2, inner.height - 1)
        let height = inner.height - errorRows
        let lines = area.lines
        let gutter = max(3, String(lines.count).count + 1)
        let top = max(0, min(area.cursorLine - height / 2, lines.count - height))
        let textWidth = inner.width - gutter - 1
        // Scroll sideways only as far as needed to keep the cursor in view.
        let cursorX = DisplayWidth.of(String(lines.indices.contains(area.cursorLine) ? lines[area.cursorLine].prefix(area.cursorColumn) : ""))
        let left = max(0, cursorX - textWidth + 1)
        for k in 0..<height {
            let n = top + k
            guard n < lines.count else { break }
            let y = inner.y + k
            let isErrorLine = c.rawError.map { $0.line - 1 == n } ?? false
            buf.write(TextFit.pad(String(n + 1), gutter - 1).leftPadded(gutter - 1), x: inner.x, y: y,
                      style: Style(fg: isErrorLine ? .error : .muted, bg: .surface, isErrorLine ? [.bold] : []), clip: inner)
            let visible = dropColumns(lines[n], left)
            buf.write(visible, x: inner.x + gutter, y: y, style: Style(fg: .text, bg: .surface),
                      clip: Rect(x: inner.x + gutter, y: y, width: textWidth + 1, height: 1))
            if n == area.cursorLine, focused { buf.cursor = Point(x: inner.x + gutter + cursorX - left, y: y) }
        }
        if let e = c.rawError {
            let text = "line \(e.line), column \(e.column): \(e.message) (text kept as typed)"
            for (k, l) in TextFit.wrap(text, inner.width).prefix(errorRows).enumerated() {
                buf.write(l, x: inner.x, y: inner.maxY - errorRows + k, style: Style(fg: .error, bg: .surface), clip: inner)
            }
        }
    }

    static func dropColumns(_ s: String, _ n: Int) -> String {
        guard n > 0 else { return s }
        var w = 0
        var idx = s.startIndex
        while idx < s.endIndex, w < n { w += DisplayWidth.of(s[idx]); idx = s.index(after: idx) }
        return String(s[idx...])
    }
}

extension String {
    /// Right-aligns in `width` columns (for line numbers).
    func leftPadded(_ width: Int) -> String {
        let t = trimmingCharacters(in: .whitespaces)
        return String(repeating: " ", count: max(0, width - t.count)) + t
    }
}
