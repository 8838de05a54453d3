import TerminalScreen

/// A named palette the user can pick, and where it came from.
///
/// How views are expected to use the roles: `background`, `surface` and `selection` are cell backgrounds;
/// every other role is a foreground colour. Attributes on a role (bold, reverse, …) let a theme without
/// colours (monochrome) still mark focus and selection.
public struct Theme: Sendable, Hashable {
    public var name: String
    public var palette: Palette
    /// The theme file's path; nil for a theme built into the app.
    public var origin: String?
    /// Roles the file did not set, which were filled in from the built-in dark theme.
    public var missingRoles: [Role]

    public init(name: String, palette: Palette, origin: String? = nil, missingRoles: [Role] = []) {
        self.name = name
        self.palette = palette
        self.origin = origin
        self.missingRoles = missingRoles
    }

    /// The app's own dark theme: used when no theme file is found, and to fill roles a file leaves out.
    public static let builtInDark = Theme(name: "default-dark", palette: BuiltInPalettes.dark)

    /// Colourless: terminal default colours, with reverse/bold/dim/underline to tell roles apart.
    public static let monochrome = Theme(name: "monochrome", palette: BuiltInPalettes.monochrome)
}

/// Every theme found on disk plus the built-in ones, and the problems met while loading them.
public struct ThemeSet: Sendable, Hashable {
    /// Sorted by name (case-insensitive); never empty when produced by ``ThemeLoader``.
    public var themes: [Theme]
    /// One message per problem, e.g. `themes/foo.yaml: line 4: unknown colour "purpel"`. Shown to the user, never fatal.
    public var problems: [String]
    /// The folders searched, in priority order (for help text and diagnostics).
    public var searchedDirectories: [String]
    /// True when `NO_COLOR` was set: the app should start in monochrome unless the user explicitly asked for a theme.
    public var noColor: Bool

    public init(themes: [Theme], problems: [String] = [], searchedDirectories: [String] = [], noColor: Bool = false) {
        self.themes = themes
        self.problems = problems
        self.searchedDirectories = searchedDirectories
        self.noColor = noColor
    }

    /// The theme with this name, ignoring case.
    public func named(_ name: String) -> Theme? {
        let wanted = name.lowercased()
        return themes.first { $0.name.lowercased() == wanted }
    }

    /// The theme to start with. An explicitly preferred theme (command line or config file) wins, even over
    /// `NO_COLOR`, as no-color.org asks; then monochrome if `NO_COLOR` is set; then `default-dark`.
    /// `problem` explains a preferred name that does not exist.
    public func initialTheme(preferred: String?) -> (theme: Theme, problem: String?) {
        var problem: String?
        if let preferred, !preferred.isEmpty {
            if let theme = named(preferred) { return (theme, nil) }
            let names = themes.map(\.name).joined(separator: ", ")
            problem = "no theme named \"\(preferred)\" (available: \(names))"
        }
        if noColor { return (named(Theme.monochrome.name) ?? .monochrome, problem) }
        return (named(Theme.builtInDark.name) ?? themes.first ?? .builtInDark, problem)
    }
}
