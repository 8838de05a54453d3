#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNcurses
import CTerminalHygiene
import TerminalScreen

extension NcursesTerminal {
    /// Shows `buffer` on the terminal. Only cells that changed since the last call are handed to
    /// ncurses (which diffs again against the real screen). A buffer bigger than the terminal is
    /// clipped; the cursor is placed at `buffer.cursor` or hidden when that is nil.
    public func draw(_ buffer: CellBuffer) {
        guard !isendwin() else { return }
        let full = needsFullRedraw || lastBuffer?.size != buffer.size
        if full { werase(window) }
        let old = full ? nil : lastBuffer
        let width = min(buffer.size.width, Int(cn_cols()))
        let height = min(buffer.size.height, Int(cn_lines()))
        for y in 0..<max(0, height) {
            for x in 0..<max(0, width) {
                drawIfNeeded(buffer, old: old, x: x, y: y, width: width)
            }
        }
        if let c = buffer.cursor, c.x >= 0, c.y >= 0, c.x < width, c.y < height {
            wmove(window, Int32(c.y), Int32(c.x))
            setCursor(visible: true)
        } else {
            setCursor(visible: false)
        }
        wnoutrefresh(window)
        doupdate()
        if lastBuffer == nil { cn_report_first_frame() }
        lastBuffer = buffer
        needsFullRedraw = false
    }

    /// A cell and its continuation form one unit: redraw the cell when either changed, so a wide
    /// character that lost its right half becomes a space instead of spilling over.
    private func drawIfNeeded(_ buffer: CellBuffer, old: CellBuffer?, x: Int, y: Int, width: Int) {
        let cell = buffer[x, y]
        func changed(_ cx: Int) -> Bool { old.map { $0[cx, y] != buffer[cx, y] } ?? true }
        if cell.isContinuation {
            // Covered by the wide cell on its left, unless that is a continuation too (an orphan).
            let orphan = x == 0 || buffer[x - 1, y].isContinuation
            if orphan && changed(x) { put(Cell(" ", fg: cell.fg, bg: cell.bg, attributes: cell.attributes), x: x, y: y, columns: 1) }
            return
        }
        let hasRightHalf = x + 1 < width && buffer[x + 1, y].isContinuation
        guard changed(x) || (x + 1 < width && changed(x + 1)) else { return }
        put(cell, x: x, y: y, columns: hasRightHalf ? 2 : 1)
    }

    private func put(_ cell: Cell, x: Int, y: Int, columns: Int) {
        let (attrs, pair) = styler.style(fg: cell.fg, bg: cell.bg, attributes: cell.attributes)
        let scalars = cell.text.unicodeScalars
        if columns == 1, scalars.count == 1, let s = scalars.first, s.value >= 0x20, s.value < 0x7F {
            glyphBuffer[0] = wchar_t(s.value)
            glyphBuffer[1] = 0
            _ = cn_put_cell(window, Int32(y), Int32(x), glyphBuffer, attrs, pair)
            return
        }
        let utf8 = isUTF8
        let glyphs = GlyphLayout.layout(cell.text, columns: columns) { s in
            if s.value < 0x80 { return 1 }
            return utf8 ? Int(cn_wcwidth(s.value)) : -1
        }
        for glyph in glyphs {
            var i = 0
            for s in glyph.scalars.prefix(GlyphLayout.maxCombining + 1) {
                glyphBuffer[i] = wchar_t(bitPattern: s.value)
                i += 1
            }
            glyphBuffer[i] = 0
            _ = cn_put_cell(window, Int32(y), Int32(x + glyph.column), glyphBuffer, attrs, pair)
        }
    }
}
