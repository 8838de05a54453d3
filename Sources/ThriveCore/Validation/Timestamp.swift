import Foundation

/// ISO-8601 timestamps as the ThriveStack API expects them, parsed strictly so mistakes are named.
public enum Timestamp {
    /// The outcome of reading a timestamp string.
    public enum Reading: Sendable, Equatable {
        /// A full date-time; `hasZone` is false when no `Z` or offset was given.
        case valid(Date, hasZone: Bool)
        /// Not ISO-8601; the reason says what is wrong in words.
        case malformed(reason: String)
    }

    /// Formats as `2024-01-15T10:30:00.000Z` (UTC, milliseconds).
    public static func format(_ date: Date) -> String {
        let ms = Int((date.timeIntervalSince1970 * 1000).rounded(.down))
        let secs = ms >= 0 ? ms / 1000 : (ms - 999) / 1000
        let c = civil(from: secs)
        return digits(c.y, 4) + "-" + digits(c.m, 2) + "-" + digits(c.d, 2) + "T" + digits(c.hh, 2) + ":" + digits(c.mm, 2) + ":"
            + digits(c.ss, 2) + "." + digits(ms - secs * 1000, 3) + "Z"
    }

    /// Formats as `2024-01-15` (UTC).
    public static func formatDate(_ date: Date) -> String {
        let c = civil(from: Int(date.timeIntervalSince1970.rounded(.down)))
        return digits(c.y, 4) + "-" + digits(c.m, 2) + "-" + digits(c.d, 2)
    }

    /// `n` as `%0*d` writes it, `width` counting the sign. Not `String(format:)`: its variadic arguments cost the
    /// first draft of every launch 1.6 million instructions of the runtime's conformance look-ups (callgrind).
    static func digits(_ n: Int, _ width: Int) -> String {
        let text = String(n.magnitude)
        let sign = n < 0 ? "-" : ""
        let pad = width - sign.count - text.count
        return sign + (pad > 0 ? String(repeating: "0", count: pad) : "") + text
    }

    /// Reads `YYYY-MM-DDTHH:MM:SS[.fff…][Z|±HH:MM|±HHMM]`.
    public static func read(_ text: String) -> Reading {
        // The bytes in place: the validator reads a timestamp per event, and a copy into an array is most of the cost.
        var text = text
        return text.withUTF8 { read(bytes: $0) }
    }

    private static func read(bytes b: UnsafeBufferPointer<UInt8>) -> Reading {
        var i = 0
        func num(_ n: Int) -> Int? {
            guard i + n <= b.count else { return nil }
            var v = 0
            for k in 0..<n { let c = b[i + k]; guard c >= 48, c <= 57 else { return nil }; v = v * 10 + Int(c - 48) }
            i += n
            return v
        }
        func lit(_ c: Unicode.Scalar) -> Bool { if i < b.count, b[i] == UInt8(ascii: c) { i += 1; return true }; return false }
        let example = "e.g. 2024-01-15T10:30:00Z"
        if b.isEmpty { return .malformed(reason: "it is empty; expected an ISO-8601 time, \(example)") }
        let yearDigits = b.prefix { $0 >= 48 && $0 <= 57 }.count
        guard yearDigits == 4, let y = num(4) else {
            if yearDigits == 2 || yearDigits == 1 { return .malformed(reason: "the year must have four digits (\(example))") }
            return .malformed(reason: "it does not start with a four-digit year (\(example))")
        }
        guard lit("-"), let m = num(2), lit("-"), let d = num(2) else { return .malformed(reason: "the date must be YYYY-MM-DD (\(example))") }
        guard (1...12).contains(m) else { return .malformed(reason: "month \(m) does not exist") }
        guard (1...daysIn(month: m, year: y)).contains(d) else { return .malformed(reason: "day \(d) does not exist in that month") }
        guard i < b.count else { return .malformed(reason: "it has a date but no time (\(example))") }
        guard lit("T") || lit("t") || lit(" ") else { return .malformed(reason: "the date and time must be separated by 'T' (\(example))") }
        guard let hh = num(2), lit(":"), let mm = num(2) else { return .malformed(reason: "the time must be HH:MM:SS (\(example))") }
        var ss = 0
        if lit(":") { guard let s = num(2) else { return .malformed(reason: "the seconds must have two digits") }; ss = s }
        guard hh < 24, mm < 60, ss < 61 else { return .malformed(reason: "the time \(String(format: "%02d:%02d:%02d", hh, mm, ss)) is out of range") }
        var fraction = 0.0
        if lit(".") || lit(",") {
            let start = i
            while i < b.count, b[i] >= 48, b[i] <= 57 { i += 1 }
            guard i > start else { return .malformed(reason: "the fraction of a second has no digits") }
            fraction = self.fraction(b[start..<i])
        }
        var offset = 0
        var hasZone = false
        if lit("Z") || lit("z") {
            hasZone = true
        } else if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
            i += 1
            guard let oh = num(2) else { return .malformed(reason: "the time-zone offset must be ±HH:MM") }
            _ = lit(":")
            guard let om = num(2), oh < 24, om < 60 else { return .malformed(reason: "the time-zone offset must be ±HH:MM") }
            offset = sign * (oh * 3600 + om * 60)
            hasZone = true
        }
        guard i == b.count else { return .malformed(reason: "unexpected text after the time (\(example))") }
        let secs = days(y: y, m: m, d: d) * 86_400 + hh * 3600 + mm * 60 + ss - offset
        return .valid(Date(timeIntervalSince1970: Double(secs) + fraction), hasZone: hasZone)
    }

    /// Powers of ten that a `Double` holds exactly.
    private static let exactPowersOfTen: [Double] = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15]

    /// The value of `0.<digits>`, the same `Double` as parsing that text. Up to 15 digits, both the digits and
    /// the power of ten are exact doubles, so one IEEE division gives the correctly rounded quotient, which is
    /// what the (correctly rounding) parser gives; longer fractions are parsed as text.
    static func fraction(_ digits: Slice<UnsafeBufferPointer<UInt8>>) -> Double {
        guard digits.count < exactPowersOfTen.count else { return Double("0." + String(decoding: digits, as: UTF8.self)) ?? 0 }
        var n = 0
        for c in digits { n = n * 10 + Int(c - 48) }
        return Double(n) / exactPowersOfTen[digits.count]
    }

    /// True for `YYYY-MM-DD` with a real month and day.
    public static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1...12).contains(m) else { return false }
        return (1...daysIn(month: m, year: y)).contains(d)
    }

    static func daysIn(month m: Int, year y: Int) -> Int {
        switch m {
        case 2: return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's civil-from-days algorithms: exact, and no Calendar/DateFormatter per call on hot paths.
    static func days(y: Int, m: Int, d: Int) -> Int {
        let yy = m <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(from secs: Int) -> (y: Int, m: Int, d: Int, hh: Int, mm: Int, ss: Int) {
        let z0 = secs >= 0 ? secs / 86_400 : (secs - 86_399) / 86_400
        let rem = secs - z0 * 86_400
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d, rem / 3600, rem % 3600 / 60, rem % 60)
    }
}
