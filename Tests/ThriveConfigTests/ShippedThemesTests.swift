import Foundation
import TerminalScreen
import Testing
@testable import ThriveConfig

/// Keeps the theme files shipped in the top-level `themes/` folder valid, complete, in step with the
/// compiled-in palettes, and legible.
@Suite("Shipped themes")
struct ShippedThemesTests {
    /// The package root: this file is `<root>/Tests/ThriveUITests/ShippedThemesTests.swift`.
    static let packageRoot: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let themesDir = packageRoot + "/themes"

    /// Themes that must always ship. More files are welcome; they are checked the same way.
    static let requiredNames = ["default-dark", "monochrome", "light", "high-contrast", "dracula-night", "nord-frost"]

    /// Every theme file in the folder (sorted); the arguments of the per-file tests.
    static let files: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: themesDir)) ?? [])
        .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
        .sorted()

    /// Files whose themes have colours. `monochrome` has none: there string, number and boolean differ only by
    /// their JSON syntax, which is all a colourless terminal can offer.
    static let colourFiles = files.filter { $0 != "monochrome.yaml" }

    /// Parses `themes/<file>` the way the loader does; records the problems and returns nil if it does not parse.
    static func load(_ file: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Theme? {
        let path = themesDir + "/" + file
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let stem = (file as NSString).deletingPathExtension
        switch ThemeParser.parse(yaml: text, source: "themes/" + file, origin: path, defaultName: stem) {
        case .theme(let theme):
            return theme
        case .problems(let problems):
            Issue.record("themes/\(file) does not parse: \(problems)", sourceLocation: sourceLocation)
            return nil
        }
    }

    // MARK: - The files are there and complete

    @Test func requiredThemesExist() {
        for name in Self.requiredNames {
            #expect(FileManager.default.fileExists(atPath: "\(Self.themesDir)/\(name).yaml"), "themes/\(name).yaml is missing")
        }
        #expect(Self.files.count >= Self.requiredNames.count)
    }

    @Test(arguments: files)
    func parsesWithEveryRoleSet(file: String) throws {
        let theme = try #require(try Self.load(file))
        #expect(theme.missingRoles.isEmpty, "themes/\(file) leaves roles to the fallback: \(theme.missingRoles.map(\.rawValue))")
        #expect(theme.name == (file as NSString).deletingPathExtension, "`name:` should match the file name so --theme finds it")
        #expect(theme.palette.paints.count == Role.allCases.count)
    }

    @Test(arguments: files)
    func hasADescription(file: String) throws {
        let text = try String(contentsOfFile: Self.themesDir + "/" + file, encoding: .utf8)
        let line = text.split(separator: "\n").first { $0.hasPrefix("description:") }
        let value = line.map { $0.dropFirst("description:".count).trimmingCharacters(in: .whitespaces) } ?? ""
        #expect(!value.isEmpty, "themes/\(file) needs a `description:` line")
    }

    // MARK: - In step with the compiled-in palettes

    @Test func defaultDarkFileMatchesBuiltIn() throws {
        let theme = try #require(try Self.load("default-dark.yaml"))
        for role in Role.allCases {
            #expect(theme.palette[role] == BuiltInPalettes.dark[role], "default-dark \(role.rawValue)")
        }
        #expect(theme.palette == BuiltInPalettes.dark)
    }

    @Test func monochromeFileMatchesBuiltIn() throws {
        let theme = try #require(try Self.load("monochrome.yaml"))
        for role in Role.allCases {
            #expect(theme.palette[role] == BuiltInPalettes.monochrome[role], "monochrome \(role.rawValue)")
        }
        #expect(theme.palette == BuiltInPalettes.monochrome)
    }

    // MARK: - Loading

    @Test func loaderFindsShippedThemesWithoutProblems() {
        let set = ThemeLoader.load(themeDir: nil, environment: ["HOME": "/nonexistent"], executablePath: nil,
                                   currentDirectory: Self.packageRoot)
        #expect(set.problems == [])
        let names = Set(set.themes.map(\.name))
        for name in Self.requiredNames {
            #expect(names.contains(name), "\(name) not loaded; got \(names.sorted())")
        }
        // The files shadow the compiled-in default-dark and monochrome, and they are the shipped ones.
        #expect(set.named("default-dark")?.origin == Self.themesDir + "/default-dark.yaml")
        #expect(set.named("monochrome")?.origin == Self.themesDir + "/monochrome.yaml")
        #expect(set.named("light")?.origin == Self.themesDir + "/light.yaml")
        #expect(set.initialTheme(preferred: nil).theme.name == "default-dark")
    }

    @Test func brokenFileInThemeDirIsReportedAndOthersStillLoad() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("shipped-themes-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "name: broken\nroles:\n  text: white\n  accent: purpel\n"
            .write(toFile: dir + "/broken.yaml", atomically: true, encoding: .utf8)
        try "name: extra\nroles:\n  text: white\n".write(toFile: dir + "/extra.yaml", atomically: true, encoding: .utf8)

        let set = ThemeLoader.load(themeDir: dir, environment: ["HOME": "/nonexistent"], executablePath: nil,
                                   currentDirectory: Self.packageRoot)
        #expect(set.problems.count == 1, "\(set.problems)")
        let problem = try #require(set.problems.first)
        #expect(problem.contains("broken.yaml: line 4:"), "\(problem)")
        #expect(problem.contains("purpel"), "\(problem)")
        #expect(set.named("broken") == nil)
        #expect(set.named("extra") != nil)
        for name in Self.requiredNames {
            #expect(set.named(name) != nil, "\(name) should still load next to a broken file")
        }
    }

    @Test func noColorPicksMonochromeUnlessAThemeIsAsked() {
        let set = ThemeLoader.load(themeDir: nil, environment: ["HOME": "/nonexistent", "NO_COLOR": "1"],
                                   executablePath: nil, currentDirectory: Self.packageRoot)
        #expect(set.noColor)
        let automatic = set.initialTheme(preferred: nil)
        #expect(automatic.theme.name == "monochrome")
        #expect(automatic.problem == nil)
        let explicit = set.initialTheme(preferred: "light")
        #expect(explicit.theme.name == "light")
        #expect(explicit.problem == nil)
        #expect(set.initialTheme(preferred: "HIGH-CONTRAST").theme.name == "high-contrast")
    }

    // MARK: - Legibility

    /// Text must meet WCAG AA (4.5:1) wherever it is drawn.
    static let textContrast = 4.5
    /// Other foregrounds (mostly short, often bold labels) must meet 3:1, like large text and UI components.
    static let foregroundContrast = 3.0
    /// `muted` and `json_null` are meant to recede; on the selection highlight they may drop to this.
    static let subduedOnSelection = 2.4
    static let subduedRoles: Set<Role> = [.muted, .jsonNull]
    /// Foreground roles (everything but the cell backgrounds and the badges, which are backgrounds too).
    /// `border` is decoration and exempt.
    static let foregrounds: [Role] = Role.allCases.filter {
        ![.background, .surface, .selection, .sandboxBadge, .liveBadge, .border].contains($0)
    }

    @Test(arguments: files)
    func foregroundsAreReadableOnEveryBackground(file: String) throws {
        let palette = try #require(try Self.load(file)).palette
        for fg in Self.foregrounds {
            for bg in [Role.background, .surface, .selection] {
                guard let ratio = Legibility.contrast(palette[fg].color, palette[bg].color) else { continue }
                let needed = fg == .text ? Self.textContrast
                    : (bg == .selection && Self.subduedRoles.contains(fg) ? Self.subduedOnSelection : Self.foregroundContrast)
                #expect(ratio >= needed, "\(file): \(fg.rawValue) on \(bg.rawValue) has contrast \(ratio), needs \(needed)")
            }
        }
    }

    /// The badge text is drawn in the `background` colour on the badge colour (see TitleBarView).
    @Test(arguments: files)
    func badgeTextIsReadable(file: String) throws {
        let palette = try #require(try Self.load(file)).palette
        for badge in [Role.sandboxBadge, .liveBadge] {
            guard let ratio = Legibility.contrast(palette[.background].color, palette[badge].color) else { continue }
            #expect(ratio >= Self.foregroundContrast, "\(file): text on \(badge.rawValue) has contrast \(ratio)")
        }
    }

    @Test(arguments: files)
    func selectionStandsOutFromSurface(file: String) throws {
        let palette = try #require(try Self.load(file)).palette
        #expect(Legibility.distinguishable(palette[.selection], palette[.surface], minimumDistance: 6_000),
                "\(file): the selection highlight is too close to the surface")
    }

    @Test(arguments: files)
    func statusCodesAreDistinct(file: String) throws {
        let palette = try #require(try Self.load(file)).palette
        Legibility.expectPairwiseDistinct([.status2xx, .status4xx, .status5xx], in: palette, file: file)
    }

    @Test(arguments: files)
    func liveBadgeIsUnmistakable(file: String) throws {
        let palette = try #require(try Self.load(file)).palette
        let live = palette[.liveBadge], sandbox = palette[.sandboxBadge]
        #expect(Legibility.distinguishable(live, sandbox), "\(file): live and sandbox badges look alike")
        #expect(live.attributes.contains(.bold), "\(file): the live badge should be bold")
        // Alarming: red or orange wherever the badge has a colour (red clearly the strongest channel).
        for (r, g, b) in Legibility.renderings(live.color) {
            #expect(Double(r) >= 1.5 * Double(max(g, b)), "\(file): the live badge (\(r),\(g),\(b)) is not red or orange")
        }
    }

    @Test(arguments: colourFiles)
    func jsonRolesAreDistinct(file: String) throws {
        let palette = try #require(try Self.load(file)).palette
        Legibility.expectPairwiseDistinct([.jsonKey, .jsonString, .jsonNumber, .jsonBoolean, .jsonNull],
                                          in: palette, file: file)
    }

    /// The legibility checks must be able to fail: a theme with every problem they look for.
    @Test func legibilityChecksCatchABadTheme() {
        let bad: Palette = {
            var paints = BuiltInPalettes.dark.paints
            paints[.surface] = RolePaint(.rgb(40, 40, 40))
            paints[.selection] = RolePaint(.rgb(42, 42, 42))
            paints[.text] = RolePaint(.rgb(90, 90, 90))
            paints[.status4xx] = RolePaint(.rgb(250, 200, 0))
            paints[.status5xx] = RolePaint(.rgb(255, 205, 5))
            return Palette(name: "bad", paints: paints)
        }()
        #expect(Legibility.contrast(bad[.text].color, bad[.surface].color).map { $0 < Self.textContrast } == true)
        #expect(!Legibility.distinguishable(bad[.selection], bad[.surface], minimumDistance: 6_000))
        #expect(!Legibility.distinguishable(bad[.status4xx], bad[.status5xx]))
        #expect(Legibility.distinguishable(RolePaint(.terminalDefault), RolePaint(.terminalDefault, .bold)))
        #expect(Legibility.renderings(.terminalDefault).isEmpty)
    }
}

/// Colour arithmetic for the legibility checks. Every colour is judged twice, as written (true-colour
/// terminals) and as the nearest xterm-256 colour (what most terminals get), and must pass both ways.
enum Legibility {
    typealias RGB = (UInt8, UInt8, UInt8)

    /// How `color` shows on a true-colour and on a 256-colour terminal; empty for the terminal's default colour,
    /// which the theme cannot know. Indexed colours use xterm's default values.
    static func renderings(_ color: TermColor) -> [RGB] {
        switch color {
        case .terminalDefault:
            return []
        case .indexed(let n):
            return [ColorMapper.rgb(ofIndex: n)]
        case let .rgb(r, g, b):
            let n = ColorMapper(depth: .xterm256).number(for: color)
            return [(r, g, b), ColorMapper.rgb(ofIndex: UInt8(n))]
        }
    }

    /// The WCAG contrast ratio of two colours, the worse of the two renderings; nil if either is the terminal default.
    static func contrast(_ a: TermColor, _ b: TermColor) -> Double? {
        let ra = renderings(a), rb = renderings(b)
        guard !ra.isEmpty, !rb.isEmpty else { return nil }
        var worst = Double.infinity
        for i in 0..<max(ra.count, rb.count) {
            let x = ra[min(i, ra.count - 1)], y = rb[min(i, rb.count - 1)]
            let (l1, l2) = (luminance(x), luminance(y))
            worst = min(worst, (max(l1, l2) + 0.05) / (min(l1, l2) + 0.05))
        }
        return (worst * 100).rounded(.down) / 100
    }

    static func luminance(_ c: RGB) -> Double {
        func channel(_ v: UInt8) -> Double {
            let s = Double(v) / 255
            return s <= 0.03928 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(c.0) + 0.7152 * channel(c.1) + 0.0722 * channel(c.2)
    }

    /// Squared "red-mean" colour distance, the measure ColorMapper uses (about 10,000 is a clearly visible step).
    static func distance(_ a: RGB, _ b: RGB) -> Int {
        let rMean = (Int(a.0) + Int(b.0)) / 2
        let dr = Int(a.0) - Int(b.0), dg = Int(a.1) - Int(b.1), db = Int(a.2) - Int(b.2)
        // Parenthesised: in Swift `>>` binds tighter than `*`.
        return (((512 + rMean) * dr * dr) >> 8) + 4 * dg * dg + (((767 - rMean) * db * db) >> 8)
    }

    /// Two paints can be told apart: different attributes, or colours far enough apart in both renderings.
    /// The terminal default against a set colour counts as different.
    static func distinguishable(_ a: RolePaint, _ b: RolePaint, minimumDistance: Int = 10_000) -> Bool {
        if a.attributes != b.attributes { return true }
        let ra = renderings(a.color), rb = renderings(b.color)
        if ra.isEmpty || rb.isEmpty { return ra.isEmpty != rb.isEmpty }
        for i in 0..<max(ra.count, rb.count) {
            if distance(ra[min(i, ra.count - 1)], rb[min(i, rb.count - 1)]) < minimumDistance { return false }
        }
        return true
    }

    static func expectPairwiseDistinct(_ roles: [Role], in palette: Palette, file: String,
                                       sourceLocation: SourceLocation = #_sourceLocation) {
        for (i, a) in roles.enumerated() {
            for b in roles[(i + 1)...] {
                #expect(distinguishable(palette[a], palette[b]),
                        "\(file): \(a.rawValue) and \(b.rawValue) look alike", sourceLocation: sourceLocation)
            }
        }
    }
}
