import TerminalScreen
import Testing
@testable import ThriveUI

@Suite("Key table")
struct KeymapTests {
    @Test func everyKeyResolvesToItsOwnBinding() {
        for b in Keymap.bindings {
            for key in b.keys {
                let panes = b.pane.map { [$0] } ?? Pane.allCases.filter { pane in
                    !Keymap.bindings.contains { $0.pane == pane && $0.keys.contains(key) }
                }
                for pane in panes {
                    #expect(Keymap.action(for: key, in: pane) == b.action, "\(key) in \(pane) should mean \(b.action)")
                }
            }
        }
    }

    @Test func noTwoBindingsInOneScopeShareAKey() {
        var seen: [String: Action] = [:]
        for b in Keymap.bindings {
            for key in b.keys {
                let slot = "\(String(describing: b.pane)) \(key)"
                if let other = seen[slot], other != b.action { Issue.record("\(key) is bound to both \(other) and \(b.action)") }
                seen[slot] = b.action
            }
        }
    }

    @Test func paneKeysShadowGlobalOnes() {
        #expect(Keymap.action(for: .enter, in: .history) == .openDetail)
        #expect(Keymap.action(for: .enter, in: .templates) == .select)
        #expect(Keymap.action(for: .char("q"), in: .form) == .quit)
        #expect(Keymap.action(for: .char("x"), in: .form) == nil)
    }

    @Test func onlyControlAndFunctionKeysWorkWhileTyping() {
        #expect(Keymap.typingAction(for: .ctrl("c")) == .quit)
        #expect(Keymap.typingAction(for: .ctrl("s")) == .send)
        #expect(Keymap.typingAction(for: .function(2)) == .toggleRaw)
        #expect(Keymap.typingAction(for: .ctrl("z")) == .suspend)
        #expect(Keymap.typingAction(for: .char("q")) == nil, "q types a q in a field")
        for b in Keymap.bindings where b.whileTyping {
            #expect(!b.keys.contains { if case .char = $0 { return true }; return false }, "\(b.label) would steal typed text")
        }
    }

    @Test func helpAndFooterComeFromTheTable() {
        let help = HelpOverlay.lines().map(\.0).joined(separator: "\n")
        for b in Keymap.bindings { #expect(help.contains(b.help), "help is missing \(b.help)") }
        #expect(Keymap.footer(for: .history).map(\.0).contains("r"))
    }
}
