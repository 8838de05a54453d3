@testable import NcursesBackend
import Testing

/// terminfo strings carry padding delays (`$<5>`) that only tputs understands; written raw they would print.
@Suite struct TerminalCapabilitiesTests {
    @Test(arguments: [
        ("\u{1B}[?5h$<100/>\u{1B}[?5l", "\u{1B}[?5h\u{1B}[?5l"),
        ("$<2>\u{1B}[H$<5*>", "\u{1B}[H"),
        ("\u{1B}[0m", "\u{1B}[0m"),
        ("", ""),
        ("cost $5", "cost $5"),
        ("a$<unclosed", "a$<unclosed"),
        ("$<1>$<2>", ""),
        ("é$<3>ü", "éü"),
    ])
    func paddingIsRemoved(raw: String, expected: String) {
        #expect(TerminalCapabilities.withoutPadding(raw) == expected)
    }
}
