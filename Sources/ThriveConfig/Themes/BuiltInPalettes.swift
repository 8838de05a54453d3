import TerminalScreen

/// The palettes compiled into the app, so it works with no themes folder at all.
/// They match themes/default-dark.yaml and themes/monochrome.yaml (a test keeps them in step).
enum BuiltInPalettes {
    /// Terminal default background and text so the app blends into the user's terminal; xterm-256 accents.
    static let dark = Palette(name: "default-dark", paints: [
        .background: RolePaint(.terminalDefault),
        .surface: RolePaint(.indexed(235)),
        .text: RolePaint(.terminalDefault),
        .muted: RolePaint(.indexed(245)),
        .primary: RolePaint(.indexed(75)),
        .accent: RolePaint(.indexed(176)),
        .border: RolePaint(.indexed(240)),
        .focus: RolePaint(.indexed(81), .bold),
        .selection: RolePaint(.indexed(238)),
        .success: RolePaint(.indexed(114)),
        .warning: RolePaint(.indexed(221)),
        .error: RolePaint(.indexed(203), .bold),
        .jsonKey: RolePaint(.indexed(117)),
        .jsonString: RolePaint(.indexed(150)),
        .jsonNumber: RolePaint(.indexed(215)),
        .jsonBoolean: RolePaint(.indexed(176)),
        .jsonNull: RolePaint(.indexed(244)),
        .status2xx: RolePaint(.indexed(114)),
        .status4xx: RolePaint(.indexed(221)),
        .status5xx: RolePaint(.indexed(203), .bold),
        .sandboxBadge: RolePaint(.indexed(37)),
        .liveBadge: RolePaint(.indexed(202), .bold),
    ])

    /// No colours at all: attributes carry the meaning.
    static let monochrome: Palette = {
        let attributes: [Role: TextAttributes] = [
            .muted: .dim, .primary: .bold, .accent: .underline, .focus: .bold, .selection: .reverse,
            .warning: .bold, .error: [.bold, .underline], .jsonKey: .bold, .jsonNull: .dim,
            .status4xx: .bold, .status5xx: [.bold, .underline], .sandboxBadge: .reverse, .liveBadge: [.reverse, .bold],
        ]
        var paints: [Role: RolePaint] = [:]
        for role in Role.allCases { paints[role] = RolePaint(.terminalDefault, attributes[role] ?? []) }
        return Palette(name: "monochrome", paints: paints)
    }()
}
