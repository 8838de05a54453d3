import TerminalScreen
import ThriveCore

/// The template list, grouped under endpoint headings, with the `/` filter on its first row when active.
enum TemplatePickerView {
    /// A displayed line: a heading or a template (index into the visible list).
    enum Line: Equatable { case heading(String), template(Int) }

    static func lines(_ state: AppState) -> [Line] {
        let visible = state.picker.visible(in: state.catalogue)
        var out: [Line] = []
        var last: Endpoint?
        for (i, t) in visible.enumerated() {
            if t.endpoint != last { out.append(.heading(t.endpoint.path.uppercased().dropFirst().description)); last = t.endpoint }
            out.append(.template(i))
        }
        return out
    }

    /// Rows taken above the list by the filter line.
    static func headerRows(_ state: AppState) -> Int { state.picker.filtering || !state.picker.filter.isEmpty ? 1 : 0 }

    /// The template index under a clicked row inside the pane.
    static func index(atRow row: Int, state: AppState) -> Int? {
        let all = lines(state)
        let k = row - headerRows(state) + scrollOffset(state, height: Layout.innerHeight(Layout(size: state.size).templates) - headerRows(state), lines: all)
        guard all.indices.contains(k), case .template(let i) = all[k] else { return nil }
        return i
    }

    static func scrollOffset(_ state: AppState, height: Int, lines: [Line]) -> Int {
        guard height > 0, let selected = lines.firstIndex(of: .template(state.picker.selection)) else { return 0 }
        return max(0, min(selected - height / 2, lines.count - height))
    }

    static func render(_ state: AppState, in r: Rect, into buf: inout CellBuffer) {
        let focused = state.focus == .templates
        let visible = state.picker.visible(in: state.catalogue)
        Box.draw(r, title: "Templates", focused: focused, into: &buf, right: "\(visible.count)")
        let inner = Box.inner(r)
        guard !inner.isEmpty else { return }
        var y = inner.y
        if headerRows(state) == 1 {
            let x = buf.write("/", x: inner.x, y: y, style: Style(fg: .accent, bg: .surface, [.bold]), clip: inner)
            let end = buf.write(Box.fit(state.picker.filter, inner.width - 2), x: x, y: y, style: Style(fg: .text, bg: .surface), clip: inner)
            if state.picker.filtering && focused { buf.cursor = Point(x: min(end, inner.maxX - 1), y: y) }
            y += 1
        }
        let all = lines(state)
        let height = inner.maxY - y
        let offset = scrollOffset(state, height: height, lines: all)
        if all.isEmpty {
            buf.write("no match", x: inner.x + 1, y: y, style: Style(fg: .muted, bg: .surface), clip: inner)
        }
        for line in all.dropFirst(offset).prefix(height) {
            switch line {
            case .heading(let text):
                buf.write(Box.pad(text, inner.width), x: inner.x, y: y, style: Style(fg: .muted, bg: .surface, [.bold]), clip: inner)
            case .template(let i):
                let selected = i == state.picker.selection
                let style = selected ? Style(fg: .text, bg: focused ? .selection : .surface, focused ? [.bold] : [.underline]) : Style(fg: .text, bg: .surface)
                let marker = visible[i].origin == .builtIn ? " " : "+"
                buf.write(Box.pad("\(selected ? "›" : " ")\(marker)\(visible[i].name)", inner.width), x: inner.x, y: y, style: style, clip: inner)
            }
            y += 1
        }
    }
}
