import TerminalScreen
import ThriveCore

/// The form: one row per field (required mark, name, type, value, finding marker) and the focused field's help.
enum FormView {
    static func render(_ state: AppState, in r: Rect, into buf: inout CellBuffer) {
        let c = state.composer
        let focused = state.focus == .form
        let count = max(1, c.eventCount)
        let title = "Form" + (c.template.map { ": \($0.name)" } ?? "")
        let inner = Box.inner(r)
        let listHeight = state.layout.formListHeight, helpRows = state.layout.formHelpRows
        let offset = c.formScroll.offset
        // Say when rows are out of sight, as the preview does: a field below the fold is easy to miss.
        // An imported event is named as everywhere else: "event 13 (line 13)".
        var right = c.sources != nil ? c.label(event: c.eventIndex) : (count > 1 ? "event \(c.eventIndex + 1)/\(count)" : "")
        if listHeight > 0, c.rows.count > listHeight {
            right += (right.isEmpty ? "" : " ") + "\(offset + 1)-\(min(c.rows.count, offset + listHeight))/\(c.rows.count)"
        }
        Box.draw(r, title: title, focused: focused, into: &buf, right: right)
        guard inner.height >= 3 else { return }
        let nameWidth = min(max(10, (c.rows.map { $0.depth * 2 + DisplayWidth.of($0.label) }.max() ?? 10) + 1), inner.width / 2)
        let typeWidth = inner.width >= 44 ? 10 : 0
        for (k, row) in c.rows.dropFirst(offset).prefix(listHeight).enumerated() {
            let y = inner.y + k
            let index = offset + k
            let selected = index == c.selection
            let bg: Role = selected && focused ? .selection : .surface
            buf.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: Style(fg: .text, bg: bg))
            let findings = c.findings(for: row)
            let worst = findings.map(\.severity).min()
            let mark = worst == .error ? "✗" : (worst == .warning ? "!" : (row.isRequired ? "*" : " "))
            let markRole: Role = worst == .error ? .error : (worst == .warning ? .warning : .accent)
            var x = buf.write(mark, x: inner.x, y: y, style: Style(fg: markRole, bg: bg, [.bold]), clip: inner)
            let indent = String(repeating: " ", count: row.depth * 2)
            // One column always separates the name from the type; long names keep their distinct ends.
            let name = indent + TextFit.fitMiddle(row.label, max(1, nameWidth - 1 - indent.count))
            buf.write(TextFit.pad(name, nameWidth - 1) + " ", x: x, y: y, style: Style(fg: row.value == nil ? .muted : .jsonKey, bg: bg, selected && focused ? [.bold] : []), clip: inner)
            x += nameWidth
            if typeWidth > 0 {
                buf.write(TextFit.pad(row.typeName, typeWidth - 1), x: x, y: y, style: Style(fg: .muted, bg: bg), clip: inner)
                x += typeWidth
            }
            let valueWidth = inner.maxX - x
            if selected, let edit = c.edit, edit.path == row.path {
                let slice = edit.line.visibleSlice(width: max(1, valueWidth))
                buf.fill(Rect(x: x, y: y, width: valueWidth, height: 1), style: Style(fg: .text, bg: .background))
                buf.write(slice.text, x: x, y: y, style: Style(fg: .text, bg: .background), clip: inner)
                buf.cursor = Point(x: min(inner.maxX - 1, x + slice.cursorColumn), y: y)
            } else {
                let (text, role) = valueText(row)
                buf.write(TextFit.fit(text, valueWidth), x: x, y: y, style: Style(fg: role, bg: bg), clip: inner)
            }
        }
        if c.rows.isEmpty {
            buf.write("(empty event: press a to add a property)", x: inner.x + 1, y: inner.y, style: Style(fg: .muted, bg: .surface), clip: inner)
        }
        renderHelp(state, in: Rect(x: inner.x, y: inner.maxY - helpRows - 1, width: inner.width, height: helpRows + 1), into: &buf)
    }

    static func valueText(_ row: FormRow) -> (String, Role) {
        guard let v = row.value else { return ("— not set", .muted) }
        switch v {
        case .string(let s): return (s.isEmpty ? "\"\"" : s, .jsonString)
        case .number(let n): return (n.text, .jsonNumber)
        case .bool(let b): return (b ? "☑ true" : "☐ false", .jsonBoolean)
        case .null: return ("null", .jsonNull)
        case .object(let o): return (row.isContainer ? "{\(o.count) field\(o.count == 1 ? "" : "s")}" : v.compact(), .muted)
        case .array: return (v.compact(), .text)
        }
    }

    /// The bottom of the form: the add-property prompt, an edit error, the focused field's finding or its help.
    static func renderHelp(_ state: AppState, in r: Rect, into buf: inout CellBuffer) {
        let c = state.composer
        buf.write(String(repeating: "─", count: r.width), x: r.x, y: r.y, style: Style(fg: .border, bg: .surface))
        var lines: [(String, Role)] = []
        if let p = c.prompt {
            let label = "New property in \(c.defaultContainer): "
            let x = buf.write(label, x: r.x, y: r.y + 1, style: Style(fg: .accent, bg: .surface, [.bold]), clip: r)
            let slice = p.name.visibleSlice(width: max(1, r.maxX - x - 12))
            let end = buf.write(slice.text, x: x, y: r.y + 1, style: Style(fg: .text, bg: .background), clip: r)
            buf.write("  [\(p.type.rawValue)]", x: max(end, x + slice.text.count), y: r.y + 1, style: Style(fg: .jsonKey, bg: .surface), clip: r)
            if state.focus == .form { buf.cursor = Point(x: min(r.maxX - 1, x + slice.cursorColumn), y: r.y + 1) }
            lines = [("Enter adds, Tab changes the type, Esc cancels", .muted)]
            for (k, l) in lines.prefix(r.height - 2).enumerated() {
                buf.write(TextFit.fit(l.0, r.width), x: r.x, y: r.y + 2 + k, style: Style(fg: l.1, bg: .surface), clip: r)
            }
            return
        }
        if let e = c.edit?.error { lines.append((e, .error)) }
        if let row = c.selectedRow {
            for f in c.findings(for: row) {
                lines.append(((f.severity == .error ? "✗ " : "! ") + f.message + (f.fix.map { "  [f: \($0.summary)]" } ?? ""), f.severity == .error ? .error : .warning))
            }
            let req = row.spec.map { $0.requirement == .api ? "required by the API. " : ($0.requirement == .plan ? "expected by the tracking plan. " : "") } ?? "custom property. "
            let help = row.spec?.help ?? ""
            lines.append((req.prefix(1).uppercased() + req.dropFirst() + help, .muted))
        }
        var y = r.y + 1
        for (text, role) in lines {
            for l in TextFit.wrap(text, r.width) where y < r.maxY {
                buf.write(l, x: r.x, y: y, style: Style(fg: role, bg: .surface), clip: r)
                y += 1
            }
        }
    }
}
