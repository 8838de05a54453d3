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
}
