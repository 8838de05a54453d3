import Foundation
import TerminalScreen

/// A problem with one value in a theme file. The file and line are added by ``ThemeParser``.
public struct ThemeValueError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The colour notation theme files use: a name (`red`, `bright_blue`, `default`), an xterm index (0–255)
/// or a hex true colour (`#rrggbb` or `#rgb`).
public enum ColorSpec {
    /// The 16 ANSI names in index order; `bright_` names are 8–15.
    static let baseNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// Every name a theme may use, with its colour. Aliases people reach for (`grey`, `gray`) are included.
    static let namedColors: [String: TermColor] = {
        var map: [String: TermColor] = ["default": .terminalDefault, "gray": .indexed(8), "grey": .indexed(8)]
        for (i, name) in baseNames.enumerated() {
            map[name] = .indexed(UInt8(i))
            map["bright_" + name] = .indexed(UInt8(i + 8))
        }
        return map
    }()

    /// Parses one colour value. Names are case-insensitive and accept `-` or a space for `_`.
    public static func parse(_ raw: String) throws(ThemeValueError) -> TermColor {
        let text = raw.trimmingSpaces()
        if text.isEmpty {
            throw ThemeValueError("no colour given (hex colours must be quoted: \"#282a36\")")
        }
        if text.hasPrefix("#") { return try parseHex(text) }
        if text.allSatisfy(\.isASCII), text.allSatisfy(\.isNumber) {
            guard let n = Int(text), (0...255).contains(n) else {
                throw ThemeValueError("colour index \(text) is out of range (0-255)")
            }
            return .indexed(UInt8(n))
        }
        let key = String(text.lowercased().map { $0 == "-" || $0 == " " ? "_" : $0 })
        if let color = namedColors[key] { return color }
        var message = "unknown colour \"\(raw)\""
        if let guess = Suggestion.closest(to: key, in: namedColors.keys.sorted()) {
            message += " (did you mean \(guess)?)"
        } else {
            message += " (use a name like bright_blue, 0-255 or \"#rrggbb\")"
        }
        throw ThemeValueError(message)
    }

    private static func parseHex(_ text: String) throws(ThemeValueError) -> TermColor {
        let digits = Array(text.dropFirst())
        guard digits.count == 6 || digits.count == 3, digits.allSatisfy(\.isHexDigit), digits.allSatisfy(\.isASCII) else {
            throw ThemeValueError("bad hex colour \"\(text)\" (write #rrggbb, e.g. #282a36)")
        }
        let expanded = digits.count == 3 ? digits.flatMap { [$0, $0] } : digits
        var bytes: [UInt8] = []
        for i in stride(from: 0, to: 6, by: 2) {
            guard let b = UInt8(String(expanded[i...i + 1]), radix: 16) else {
                throw ThemeValueError("bad hex colour \"\(text)\"")
            }
            bytes.append(b)
        }
        return .rgb(bytes[0], bytes[1], bytes[2])
    }

    /// The notation for a colour, as a theme file would write it (round-trips through ``parse(_:)``).
    public static func format(_ color: TermColor) -> String {
        switch color {
        case .terminalDefault:
            return "default"
        case .indexed(let i) where i < 16:
            return (i < 8 ? "" : "bright_") + baseNames[Int(i % 8)]
        case .indexed(let i):
            return String(i)
        case let .rgb(r, g, b):
            return "#" + [r, g, b].map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        }
    }
}

/// "Did you mean …?" for typos in role and colour names.
enum Suggestion {
    /// The candidate closest to `word` by edit distance, if it is close enough to be a plausible typo.
    static func closest(to word: String, in candidates: [String]) -> String? {
        let limit = max(1, min(3, word.count / 3))
        var best: (String, Int)?
        for c in candidates {
            let d = distance(Array(word), Array(c))
            if d <= limit, d < (best?.1 ?? Int.max) { best = (c, d) }
        }
        return best?.0
    }

    /// Levenshtein distance; the inputs are short names, so the quadratic table is fine.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            previous = current
        }
        return previous[b.count]
    }
}
