/// Line handling on raw UTF-8 bytes: splitting a 50 MB export into Strings first would cost more than parsing it.
enum ByteLines {
    static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    /// Where the text starts after a UTF-8 byte order mark, which editors on Windows like to write.
    static func startSkippingBOM(_ bytes: [UInt8]) -> Int {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
    }

    /// Calls `body(number, start, end)` for each line, 1-based, `end` before any `\r\n` / `\n`; stops when
    /// `body` returns false.
    static func forEach(_ bytes: [UInt8], _ body: (Int, Int, Int) -> Bool) {
        var start = 0
        var number = 1
        bytes.withUnsafeBufferPointer { buffer in
            while start <= buffer.count {
                var end = start
                while end < buffer.count, buffer[end] != 0x0A { end += 1 }
                let next = end + 1
                if end > start, buffer[end - 1] == 0x0D { end -= 1 }
                if start < buffer.count || number == 1 {
                    guard body(number, start, end) else { return }
                }
                start = next
                number += 1
            }
        }
    }

    /// True when bytes `start..<end` are all blank (spaces, tabs, stray `\r`).
    static func isBlank(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Bool {
        var k = start
        while k < end {
            if !isBlank(bytes[k]) { return false }
            k += 1
        }
        return true
    }

    /// The 1-based line of each offset in `offsets` (which must be ascending), counting newlines once.
    static func lines(of offsets: [Int], in bytes: [UInt8]) -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(offsets.count)
        var line = 1
        var k = 0
        for offset in offsets {
            let stop = min(offset, bytes.count)
            while k < stop {
                if bytes[k] == 0x0A { line += 1 }
                k += 1
            }
            result.append(line)
        }
        return result
    }
}
