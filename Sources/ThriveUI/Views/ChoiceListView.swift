import TerminalScreen
import ThriveCore

/// A pick list in a modal: the filter line (palette), the items with their detail at the right, the selection.
enum ChoiceListView {
    /// At most this many rows show; more scroll.
    static let maxRows = 16

    static func frame(_ list: ChoiceList, _ layout: Layout) -> Rect {
        let rows = min(maxRows, max(1, list.items.count))
        let width = min(layout.size.width - 4, max(56, (list.items.map { DisplayWidth.of($0.label) + DisplayWidth.of($0.detail) }.max() ?? 40) + 8))
        return layout.modal(width: width, height: rows + 2 + (list.filter != nil ? 2 : 0))
    }

    static func listHeight(_ list: ChoiceList, _ layout: Layout) -> Int {
        max(1, frame(list, layout).height - 2 - (list.filter != nil ? 2 : 0))
    }

    static func render(_ state: AppState, _ list: ChoiceList, into buf: inout CellBuffer) {
        var title = list.title
        if case .copyAs = list.purpose { title += list.revealKey ? " · key SHOWN" : " · key masked" }
        let inner = Modal.frame(frame(list, state.layout), title: title, into: &buf)
        var y = inner.y
        if let filter = list.filter {
            let slice = filter.visibleSlice(width: inner.width - 4)
            let x = buf.write("> ", x: inner.x + 1, y: y, style: Style(fg: .accent, bg: .surface, [.bold]), clip: inner)
            buf.write(slice.text, x: x, y: y, style: Style(fg: .text, bg: .surface), clip: inner)
            buf.cursor = Point(x: x + slice.cursorColumn, y: y)
            let count = "\(list.shown.count)/\(list.items.count)"
            buf.write(count, x: inner.x + inner.width - 1 - DisplayWidth.of(count), y: y, style: Style(fg: .muted, bg: .surface), clip: inner)
            y += 2
        }
        if list.shown.isEmpty {
            buf.write("nothing matches", x: inner.x + 2, y: y, style: Style(fg: .muted, bg: .surface), clip: inner)
            return
        }
        for (k, i) in list.scroll.visible.enumerated() where y + k < inner.y + inner.height {
            let item = list.items[list.shown[i]]
            let selected = i == list.scroll.selection
            let bg: Role = selected ? .selection : .surface
            let row = Rect(x: inner.x, y: y + k, width: inner.width, height: 1)
            buf.fill(row, style: Style(fg: .text, bg: bg))
            let detailWidth = DisplayWidth.of(item.detail)
            let labelRoom = max(4, inner.width - 4 - detailWidth)
            buf.write((selected ? "▸ " : "  ") + TextFit.fit(item.label, labelRoom), x: inner.x + 1, y: y + k,
                      style: Style(fg: selected ? .focus : .text, bg: bg, selected ? [.bold] : []), clip: row)
            if detailWidth > 0 {
                buf.write(item.detail, x: inner.x + inner.width - 1 - detailWidth, y: y + k, style: Style(fg: .muted, bg: bg), clip: row)
            }
        }
    }
}

/// A scrolling text to read (`!` lists the start-up problems); any key that does not scroll closes it.
enum NotesOverlay {
    static func render(_ state: AppState, title: String, _ o: TextOverlay, into buf: inout CellBuffer) {
        let frame = state.layout.helpModal(lines: o.lines.count)
        let inner = Modal.frame(frame, title: title + " · any key closes", into: &buf, border: .warning)
        Modal.styled(o.lines, scroll: o.scroll, in: inner, into: &buf)
    }
}
