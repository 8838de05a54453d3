import TerminalScreen
import ThriveCore

/// The template list, grouped under endpoint headings, with the `/` filter on its first row when active.
enum TemplatePickerView {
    static func render(_ state: AppState, in r: Rect, into buf: inout CellBuffer) {
        let focused = state.focus == .templates
        let p = state.picker
        Box.draw(r, title: "Templates", focused: focused, into: &buf, right: "\(p.visible.count)")
        let inner = Box.inner(r)
        guard !inner.isEmpty else { return }
        var y = inner.y
        if p.showsFilterLine {
            let x = buf.write("/", x: inner.x, y: y, style: Style(fg: .accent, bg: .surface, [.bold]), clip: inner)
            let end = buf.write(TextFit.fit(p.filter, inner.width - 2), x: x, y: y, style: Style(fg: .text, bg: .surface), clip: inner)
            if p.filtering && focused { buf.cursor = Point(x: min(end, inner.maxX - 1), y: y) }
            y += 1
        }
        if p.lines.isEmpty {
            buf.write("no match", x: inner.x + 1, y: y, style: Style(fg: .muted, bg: .surface), clip: inner)
        }
        for i in p.scroll.visible where y < inner.maxY {
            switch p.lines[i] {
            case .heading(let text):
                buf.write(TextFit.pad(text, inner.width), x: inner.x, y: y, style: Style(fg: .muted, bg: .surface, [.bold]), clip: inner)
            case .template(let t):
                let selected = t == p.selection
                let style = selected ? Style(fg: .text, bg: focused ? .selection : .surface, focused ? [.bold] : [.underline]) : Style(fg: .text, bg: .surface)
                let marker = p.visible[t].origin == .builtIn ? " " : "+"
                buf.write(TextFit.pad("\(selected ? "›" : " ")\(marker)\(p.visible[t].name)", inner.width), x: inner.x, y: y, style: style, clip: inner)
            }
            y += 1
        }
    }
}
