import TerminalScreen

/// Lines laid out for one width, with the text the `/` search scans.
struct WrappedText: Sendable {
    var lines: [StyledLine]
    var index: SearchIndex
}

/// Wraps styled lines at a width so no value is cut off: a continuation line starts with a muted `↪` at the
/// line's indentation, and runs keep their colours across the break.
///
/// One linear pass over the text, done when an overlay opens or its width changes: a 10 MB response body
/// must not cost a quadratic slice-and-measure, and frames must only read the result. The same pass
/// builds the search index, because both walk the same characters.
enum TextWrap {
    static let mark = "↪ "
    static let markWidth = DisplayWidth.of(mark)

    /// `DisplayWidth.of`, without its emoji property lookups for a lone scalar below U+0300 (accented Latin
    /// letters, common in names), which cannot be an emoji and is as wide as its scalar.
    static func width(_ c: Character) -> Int {
        let scalars = c.unicodeScalars
        if let s = scalars.first, s.value < 0x300, scalars.index(after: scalars.startIndex) == scalars.endIndex {
            return DisplayWidth.of(scalar: s)
        }
        return DisplayWidth.of(c)
    }

    /// `width` is the columns text may use; narrower than 8 is treated as 8 so a continuation always fits.
    static func wrap(_ lines: [StyledLine], width: Int) -> WrappedText {
        var b = Builder(room: max(8, width))
        b.out.reserveCapacity(lines.count)
        for line in lines { b.add(line) }
        return WrappedText(lines: b.out, index: SearchIndex(folded: b.folded, lineStart: b.lineStart, continuation: b.continuation))
    }
}

private struct Builder {
    let room: Int
    var out: [StyledLine] = []
    var folded: [UInt8] = []
    var lineStart: [Int] = []
    var continuation: [Bool] = []
    var runs: StyledLine = []
    var used = 0
    /// Columns the continuation mark takes: a break needs something after it, or a narrow line would loop.
    var floor = 0
    /// The current line's indentation; its continuation mark is made at the first break, as most lines have none.
    var indent = 0

    init(room: Int) { self.room = room }

    mutating func add(_ line: StyledLine) {
        // Continuations keep the line's indentation (up to half the width), so wrapped JSON keeps its shape.
        indent = min(room / 2, line.first?.text.utf8.prefix { $0 == UInt8(ascii: " ") }.count ?? 0)
        lineStart.append(folded.count)
        continuation.append(false)
        runs = []
        used = 0
        floor = 0
        let first = out.count
        for run in line where !run.text.isEmpty {
            var text = run.text
            text.withUTF8 { add($0, run.role) }
        }
        // Most lines fit: the line as given is kept, sharing its storage, and the copy made while measuring dropped.
        if out.count == first { out.append(line) } else { out.append(runs) }
        // Logical lines are apart in the index, so a match never joins the end of one line to the next.
        folded.append(0x0A)
    }

    mutating func breakLine() {
        out.append(runs)
        runs = [StyledRun(String(repeating: " ", count: indent) + TextWrap.mark, .muted)]
        used = indent + TextWrap.markWidth
        floor = used
        lineStart.append(folded.count)
        continuation.append(true)
    }

    /// Byte by byte where the text is ASCII, by grapheme cluster around anything else, so a wide character or
    /// an emoji sequence is measured and kept whole while plain text costs no grapheme breaking. Segments are
    /// sliced out of the bytes at the breaks rather than built a character at a time.
    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>, _ role: Role) {
        let n = bytes.count
        var start = 0, p = 0
        func segment(_ r: Range<Int>) -> StyledRun { StyledRun(String(decoding: UnsafeBufferPointer(rebasing: bytes[r]), as: UTF8.self), role) }
        while p < n {
            let b = bytes[p]
            // An ASCII byte other than CR followed by ASCII is a whole character (Unicode's grapheme rules).
            if b < 0x80, b != 0x0D, p + 1 == n || bytes[p + 1] < 0x80 {
                let w = b == 0x09 ? 1 : (b < 0x20 || b == 0x7F ? 0 : 1)
                if w > 0, used + w > room, used > floor {
                    if p > start { runs.append(segment(start..<p)) }
                    start = p
                    breakLine()
                }
                used += w
                folded.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
                p += 1
                continue
            }
            // The stretch ends where an ASCII character other than CR meets ASCII: a cluster boundary for certain.
            var k = p + 1
            while k < n, !(bytes[k - 1] < 0x80 && bytes[k - 1] != 0x0D && bytes[k] < 0x80) { k += 1 }
            var q = p
            for c in String(decoding: UnsafeBufferPointer(rebasing: bytes[p..<k]), as: UTF8.self) {
                let w = TextWrap.width(c)
                if w > 0, used + w > room, used > floor {
                    if q > start { runs.append(segment(start..<q)) }
                    start = q
                    breakLine()
                }
                used += w
                SearchIndex.fold(c, into: &folded)
                q += c.utf8.count
            }
            p = k
        }
        if start < n { runs.append(segment(start..<n)) }
    }

}
