import TerminalScreen

/// Pane frames and small drawing helpers shared by the views.
enum Box {
    /// Draws a frame with a title; the focused pane gets the focus colour and a heavier title.
    static func draw(_ rect: Rect, title: String, focused: Bool, into buf: inout CellBuffer, right: String = "") {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let border = Style(fg: focused ? .focus : .border, bg: .surface)
        buf.fill(rect, style: Style(fg: .text, bg: .surface))
        let h = String(repeating: "─", count: rect.width - 2)
        buf.write("┌" + h + "┐", x: rect.x, y: rect.y, style: border)
        buf.write("└" + h + "┘", x: rect.x, y: rect.maxY - 1, style: border)
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            buf.write("│", x: rect.x, y: y, style: border)
            buf.write("│", x: rect.maxX - 1, y: y, style: border)
        }
        let titleStyle = Style(fg: focused ? .focus : .muted, bg: .surface, focused ? [.bold] : [])
        let clip = Rect(x: rect.x + 1, y: rect.y, width: rect.width - 2, height: 1)
        buf.write(" \(title) ", x: rect.x + 1, y: rect.y, style: titleStyle, clip: clip)
        if !right.isEmpty {
            let w = DisplayWidth.of(right) + 2
            buf.write(" \(right) ", x: max(rect.x + 1, rect.maxX - 1 - w), y: rect.y, style: Style(fg: .muted, bg: .surface), clip: clip)
        }
    }

    /// The area inside a frame.
    static func inner(_ rect: Rect) -> Rect { rect.inset(1) }

    /// Truncates to `width` columns with an ellipsis.
    static func fit(_ text: String, _ width: Int) -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.of(text) <= width { return text }
        var out = "", w = 0
        for c in text {
            let cw = DisplayWidth.of(c)
            if w + cw > width - 1 { break }
            out.append(c); w += cw
        }
        return out + "…"
    }

    /// Pads (or truncates) to exactly `width` columns.
    /// Shortens in the middle (`enrichment_…_sub_role`), keeping both ends: for names that share a prefix.
    static func fitMiddle(_ text: String, _ width: Int) -> String {
        guard DisplayWidth.of(text) > width, width > 4 else { return fit(text, width) }
        let chars = Array(text)
        let tail = (width - 1) / 2, head = width - 1 - tail
        return String(chars.prefix(head)) + "…" + String(chars.suffix(tail))
    }

    static func pad(_ text: String, _ width: Int) -> String {
        let t = fit(text, width)
        return t + String(repeating: " ", count: max(0, width - DisplayWidth.of(t)))
    }

    /// Wraps text into lines of at most `width` columns, breaking at spaces where possible.
    static func wrap(_ text: String, _ width: Int) -> [String] {
        guard width > 4 else { return [fit(text, width)] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            // Indentation is kept on every wrapped line, so indented text (JSON, stack traces) keeps its shape.
            let indent = String(paragraph.prefix { $0 == " " }.prefix(width / 2))
            let room = width - indent.count
            var line = ""
            for word in paragraph.dropFirst(indent.count).split(separator: " ", omittingEmptySubsequences: false) {
                let candidate = line.isEmpty ? String(word) : line + " " + word
                if DisplayWidth.of(candidate) <= room { line = candidate; continue }
                if !line.isEmpty { lines.append(indent + line) }
                var w = String(word)
                while DisplayWidth.of(w) > room { lines.append(indent + String(w.prefix(room))); w = String(w.dropFirst(room)) }
                line = w
            }
            lines.append(indent + line)
        }
        return lines
    }
}
