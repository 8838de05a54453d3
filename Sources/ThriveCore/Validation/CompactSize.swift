import Foundation

/// One walk over an event for what the validator needs of all of it: `JSONValue.compactByteCount` (for the
/// size limits) and whether any number is too large for a double (for `HugeNumbers`, which then looks for
/// where). A string with nothing to escape (nearly every one) is sized from its UTF-8 length after a scan of
/// eight bytes at a time, not a per-byte switch.
enum CompactSize {
    struct Scan {
        var size: Int
        var hasNonFiniteNumber: Bool
    }

    static func scan(_ value: JSONValue) -> Scan {
        var nonFinite = false
        let size = of(value, &nonFinite)
        return Scan(size: size, hasNonFiniteNumber: nonFinite)
    }

    static func of(_ value: JSONValue) -> Int {
        var nonFinite = false
        return of(value, &nonFinite)
    }

    // Plain loops: `reduce` with a closure cost a generic-metadata lookup per container in the profile.
    private static func of(_ value: JSONValue, _ nonFinite: inout Bool) -> Int {
        switch value {
        case .null: return 4
        case .bool(let b): return b ? 4 : 5
        case .number(let n):
            if !nonFinite, !n.isFiniteValue { nonFinite = true }
            return n.text.utf8.count
        case .string(let s): return string(s)
        case .array(let items):
            var n = 2 + max(0, items.count - 1)
            for item in items { n += of(item, &nonFinite) }
            return n
        case .object(let obj):
            var n = 2 + max(0, obj.count - 1)
            for m in obj.members { n += string(m.key) + 1 + of(m.value, &nonFinite) }
            return n
        }
    }

    /// `JSONValue.escapedByteCount(s)`: quotes plus one byte per byte when no byte needs escaping (control
    /// characters, DEL, `"` and `\`); otherwise that function counts the escapes.
    static func string(_ s: String) -> Int {
        let plain = s.utf8.withContiguousStorageIfAvailable { needsEscaping($0) ? -1 : $0.count + 2 } ?? -1
        return plain >= 0 ? plain : JSONValue.escapedByteCount(s)
    }

    /// Whether any byte is below 0x20, `"`, `\` or 0x7F, tested a word at a time with the exact "has a zero
    /// byte" / "has a byte less than n" bit tricks (any byte ≥ 0x80 passes both, as it should). Swift's
    /// `SIMD16` was tried: unspecialized here, it made validation eight times slower.
    static func needsEscaping(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ v: UInt64) -> Bool { (v &- ones) & ~v & highs != 0 }
        var i = 0
        while i + 8 <= bytes.count {
            let x = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            if (x &- ones &* 0x20) & ~x & highs != 0 || hasZero(x ^ (ones &* 0x22)) || hasZero(x ^ (ones &* 0x5C))
                || hasZero(x ^ (ones &* 0x7F)) { return true }
            i += 8
        }
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F { return true }
            i += 1
        }
        return false
    }
}
