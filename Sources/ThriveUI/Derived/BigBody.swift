import TerminalScreen
import ThriveCore

/// A response body too big to hold as styled rows: its text laid out once, rows kept as byte offsets, colours
/// worked out per row when it is drawn. Pretty JSON when the body is JSON (re-indented byte by byte, without
/// building values), the text as received otherwise.
///
/// Immutable after `layout`, so sharing it between states is safe and equality is identity.
final class BigBody: Sendable {
    /// Bodies from this size are laid out this way; smaller ones go through `JSONStyling` and `TextWrap`.
    static let threshold = 256 * 1024

    /// The laid-out text, logical lines separated by `\n` (and one after the last).
    let text: [UInt8]
    /// Where each row starts in `text`, and whether it continues the line above.
    let rowStart: [Int]
    let continued: [Bool]
    /// The first row of each row's logical line, so a row finds its line's start without walking back through it
    /// (a 10 MB body on one line is 90,000 rows of one line).
    let lineRow: [UInt32]
    /// For a JSON row that starts inside a token (a long string cut by the wrap): that token's colour and where it
    /// ends. Worked out once per wrapped line in `layout`, so drawing a row lexes only the row.
    let carried: [Int: (role: Role, end: Int)]
    let isJSON: Bool
    /// The columns a row may use, as `TextWrap` was given.
    let room: Int

    var rowCount: Int { rowStart.count }

    private init(text: [UInt8], rowStart: [Int], continued: [Bool], lineRow: [UInt32], carried: [Int: (role: Role, end: Int)],
                 isJSON: Bool, room: Int) {
        self.text = text; self.rowStart = rowStart; self.continued = continued; self.lineRow = lineRow; self.carried = carried
        self.isJSON = isJSON; self.room = room
    }

    /// Lays out `body` for `width` columns and appends its rows to `index` (folded text, row starts, continuations),
    /// so search works on it exactly as on the rows before it.
    static func layout(_ body: String, width: Int, appendingTo index: inout SearchIndex) -> BigBody {
        let room = max(8, width)
        var source = body
        let formatted = source.withUTF8 { JSONReindent.pretty($0) }
        let isJSON = formatted != nil
        let text = formatted ?? source.withUTF8 { RawText.lines($0) }
        var rows: [Int] = [], continued: [Bool] = []
        rows.reserveCapacity(text.count / 24)
        continued.reserveCapacity(text.count / 24)
        var carried: [Int: (role: Role, end: Int)] = [:]
        var lineRow: [UInt32] = []
        lineRow.reserveCapacity(text.count / 24)
        let base = index.folded.count
        index.folded.reserveCapacity(base + text.count)
        text.withUnsafeBufferPointer { t in
            var lineStart = 0
            while lineStart < t.count {
                var end = lineStart
                let first = rows.count
                // Printable ASCII is one column a byte, so its rows are arithmetic; anything else is measured.
                var plain = true
                while end < t.count, t[end] != 0x0A {
                    if t[end] >= 0x80 || (t[end] < 0x20 && t[end] != 0x09) || t[end] == 0x7F { plain = false }
                    end += 1
                }
                if plain, end - lineStart <= room {
                    rows.append(lineStart)
                    continued.append(false)
                } else if plain {
                    RowBreaker.breakPlain(t, lineStart..<end, room: room, rows: &rows, continued: &continued)
                } else {
                    RowBreaker.breakLine(t, lineStart..<end, room: room) { start, isContinuation in
                        rows.append(start)
                        continued.append(isContinuation)
                    }
                }
                if rows.count == first + 1 {
                    lineRow.append(UInt32(first))
                } else {
                    lineRow.append(contentsOf: repeatElement(UInt32(first), count: rows.count - first))
                    if isJSON { carry(t, lineStart..<end, rows: first..<rows.count, rows, into: &carried) }
                }
                lineStart = end + 1
            }
        }

        index.folded.append(contentsOf: text)
        index.folded.withUnsafeMutableBufferPointer { f in
            for i in base..<f.count where f[i] >= 0x41 && f[i] <= 0x5A { f[i] |= 0x20 }
        }
        index.lineStart.append(contentsOf: rows.lazy.map { $0 + base })
        index.continuation.append(contentsOf: continued)
        return BigBody(text: text, rowStart: rows, continued: continued, lineRow: lineRow, carried: carried, isJSON: isJSON, room: room)
    }

    /// Lexes a wrapped line once and notes, for each of its rows that starts inside a token, the token's colour and end.
    private static func carry(_ t: UnsafeBufferPointer<UInt8>, _ line: Range<Int>, rows: Range<Int>, _ starts: [Int],
                              into carried: inout [Int: (role: Role, end: Int)]) {
        let tokens = JSONLineLexer.tokens(t, line: line)
        var k = 0
        for r in rows.dropFirst() {
            let at = starts[r]
            while k < tokens.count, tokens[k].range.upperBound <= at { k += 1 }
            if k < tokens.count, tokens[k].range.lowerBound < at { carried[r] = (tokens[k].role, tokens[k].range.upperBound) }
        }
    }

    /// Row `r` as styled runs: the continuation mark at the line's indentation, then its text in JSON colours.
    func row(_ r: Int) -> StyledLine {
        guard rowStart.indices.contains(r) else { return [] }
        let start = rowStart[r]
        let end = r + 1 < rowStart.count ? rowStart[r + 1] - (continued[r + 1] ? 0 : 1) : max(start, text.count - 1)
        return text.withUnsafeBufferPointer { t in
            let lineStart = rowStart[Int(lineRow[r])]
            var out: StyledLine = []
            if continued[r] {
                let indent = min(room / 2, t[lineStart...].prefix { $0 == 0x20 }.count)
                out.append(StyledRun(String(repeating: " ", count: indent) + TextWrap.mark, .muted))
            }
            guard isJSON else {
                out.append(StyledRun(String(decoding: UnsafeBufferPointer(rebasing: t[start..<end]), as: UTF8.self), .text))
                return out
            }
            func run(_ range: Range<Int>, _ role: Role) -> StyledRun {
                StyledRun(String(decoding: UnsafeBufferPointer(rebasing: t[range]), as: UTF8.self), role)
            }
            var from = start
            if let c = carried[r] {
                from = min(c.end, end)
                out.append(run(start..<from, c.role))
            }
            for token in JSONLineLexer.tokens(t, line: from..<end) { out.append(run(token.range, token.role)) }
            return out
        }
    }
}

/// Where a logical line breaks into rows, as `TextWrap` breaks it: no more than `room` columns, and a continuation
/// starts with the mark at the line's indentation (at most half the room).
enum RowBreaker {
    /// A line of printable ASCII longer than the room: the first row takes `room` columns, each continuation the
    /// room less the mark and the indentation, exactly where `breakLine` would break it.
    static func breakPlain(_ t: UnsafeBufferPointer<UInt8>, _ line: Range<Int>, room: Int, rows: inout [Int], continued: inout [Bool]) {
        var indent = 0
        while line.lowerBound + indent < line.upperBound, t[line.lowerBound + indent] == 0x20 { indent += 1 }
        let step = room - min(room / 2, indent) - TextWrap.markWidth
        rows.append(line.lowerBound)
        continued.append(false)
        var p = line.lowerBound + room
        while p < line.upperBound {
            rows.append(p)
            continued.append(true)
            p += step
        }
    }

    static func breakLine(_ t: UnsafeBufferPointer<UInt8>, _ line: Range<Int>, room: Int, _ emit: (Int, Bool) -> Void) {
        emit(line.lowerBound, false)
        var indent = 0
        while line.lowerBound + indent < line.upperBound, t[line.lowerBound + indent] == 0x20 { indent += 1 }
        indent = min(room / 2, indent)
        var used = 0, floor = 0
        func advance(_ w: Int, at p: Int) {
            if w > 0, used + w > room, used > floor {
                emit(p, true)
                used = indent + TextWrap.markWidth
                floor = used
            }
            used += w
        }
        if !t[line].contains(where: { $0 >= 0x80 }) {
            for p in line { advance(t[p] < 0x20 || t[p] == 0x7F ? (t[p] == 0x09 ? 1 : 0) : 1, at: p) }
            return
        }
        var p = line.lowerBound
        for c in String(decoding: UnsafeBufferPointer(rebasing: t[line]), as: UTF8.self) {
            advance(TextWrap.width(c), at: p)
            p += c.utf8.count
        }
    }
}

/// Raw text as lines, as `DetailContent.rawLines` splits it: `\r\n` and `\n` both end a line.
enum RawText {
    static func lines(_ b: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(b.count + 1)
        for (i, c) in b.enumerated() where !(c == 0x0D && i + 1 < b.count && b[i + 1] == 0x0A) { out.append(c) }
        out.append(0x0A)
        return out
    }
}
