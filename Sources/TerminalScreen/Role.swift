/// The semantic colour roles a view paints with. Themes map each role to a colour; views never name colours.
public enum Role: String, Sendable, CaseIterable, Hashable {
    case background, surface, text, muted, primary, accent, border, focus, selection
    case success, warning, error
    case jsonKey = "json_key", jsonString = "json_string", jsonNumber = "json_number"
    case jsonBoolean = "json_boolean", jsonNull = "json_null"
    case status2xx = "status_2xx", status4xx = "status_4xx", status5xx = "status_5xx"
    case sandboxBadge = "sandbox_badge", liveBadge = "live_badge"
}

/// Text attributes a cell can carry on top of its colours.
public struct TextAttributes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = TextAttributes(rawValue: 1)
    public static let underline = TextAttributes(rawValue: 2)
    public static let reverse = TextAttributes(rawValue: 4)
    public static let dim = TextAttributes(rawValue: 8)
}

/// A terminal colour as a theme names it.
public enum TermColor: Sendable, Hashable {
    /// The terminal's own default foreground or background.
    case terminalDefault
    /// An xterm palette index, 0–255.
    case indexed(UInt8)
    /// A true colour, mapped by the backend to the nearest colour the terminal has.
    case rgb(UInt8, UInt8, UInt8)
}

/// What a role looks like: its colour plus attributes the theme adds (a monochrome theme uses reverse for selection).
public struct RolePaint: Sendable, Hashable {
    public var color: TermColor
    public var attributes: TextAttributes
    public init(_ color: TermColor, _ attributes: TextAttributes = []) { self.color = color; self.attributes = attributes }
}

/// A resolved theme: every role's paint. The backend turns (fg role, bg role) pairs into colour pairs.
public struct Palette: Sendable, Hashable {
    public var name: String
    public var paints: [Role: RolePaint]
    public init(name: String, paints: [Role: RolePaint]) { self.name = name; self.paints = paints }
    public subscript(role: Role) -> RolePaint { paints[role] ?? RolePaint(.terminalDefault) }
}
