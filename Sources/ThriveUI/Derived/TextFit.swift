import TerminalScreen

/// Fitting text into columns: truncating with a mark, padding, wrapping. Shared by views and by the
/// derived content (help, details) that is laid out before drawing.
enum TextFit {
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
