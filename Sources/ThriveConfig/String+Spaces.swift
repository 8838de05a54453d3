extension StringProtocol {
    /// The text without the spaces around it, as `trimmingCharacters(in: .whitespaces)` gives (general category
    /// Zs, tab, and the zero-width space CoreFoundation counts too), or also without line breaks
    /// (`.whitespacesAndNewlines`). Foundation's version goes through
    /// `NSString` and a CoreFoundation character set whose Unicode tables (300 KB) came into memory at every launch
    /// for the 270 colour values of the themes; this one reads the scalars' own properties.
    func trimmingSpaces(andNewlines: Bool = false) -> String {
        let scalars = unicodeScalars
        func isSpace(_ s: Unicode.Scalar) -> Bool {
            if s == "\t" || s == "\u{200B}" || s.properties.generalCategory == .spaceSeparator { return true }
            guard andNewlines else { return false }
            switch s.value {
            case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return true
            default: return false
            }
        }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
