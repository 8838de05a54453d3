import Foundation
import Testing
@testable import ThriveConfig

/// `trimmingSpaces` replaced Foundation's `trimmingCharacters(in:)` on start-up's path; it must trim exactly the
/// same characters, or a theme, key or config value that loaded before would read differently now.
@Suite struct SpaceTrimmingTests {
    /// Every scalar of the Basic Multilingual Plane and a few beyond, alone and around text, against Foundation.
    @Test func trimsWhatFoundationTrims() {
        var checked = 0
        for value in Array(0...0xFFFF) + [0x1F600, 0xE0020, 0x10FFFF] {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let c = String(Character(scalar))
            for text in [c, c + "x" + c, "a" + c, c + c + "b\(c)c" + c] {
                #expect(text.trimmingSpaces() == text.trimmingCharacters(in: .whitespaces), "U+\(String(value, radix: 16))")
                #expect(text.trimmingSpaces(andNewlines: true) == text.trimmingCharacters(in: .whitespacesAndNewlines),
                        "U+\(String(value, radix: 16)) with newlines")
            }
            checked += 1
        }
        #expect(checked > 60_000)
    }

    @Test func keepsInnerSpacesAndCombiningMarks() {
        #expect("  bright blue\t".trimmingSpaces() == "bright blue")
        #expect("\n key \r\n".trimmingSpaces() == "\n key \r\n".trimmingCharacters(in: .whitespaces))
        #expect("\n key \r\n".trimmingSpaces(andNewlines: true) == "key")
        #expect("e\u{301} ".trimmingSpaces() == "e\u{301}")
        #expect(" \u{301}x".trimmingSpaces() == " \u{301}x".trimmingCharacters(in: .whitespaces))
        #expect("\u{3000}\u{A0}".trimmingSpaces().isEmpty)
        #expect(Substring("  x ").trimmingSpaces() == "x")
    }
}
