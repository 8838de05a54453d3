import TerminalScreen
import Testing
@testable import ThriveUI

@Suite("Key map")
struct KeymapTests {
    let keymap = Keymap.standard

    @Test func theShippedMapHasNoConflicts() {
        #expect(keymap.conflicts.isEmpty, "\(keymap.conflicts)")
    }

    @Test func conflictsAreFoundWhenTheMapIsBuilt() {
        let map = Keymap([
            Binding(.send, [.ctrl("s")], .typing, "send"),
            Binding(.quit, [.ctrl("s")], .typing, "quit"),
            Binding(.help, [.char("?")], .typing, "help"),
        ])
        #expect(map.conflicts.count == 2, "\(map.conflicts)")
        #expect(map.conflicts.contains { $0.contains("^S is bound to both send and quit") })
        #expect(map.conflicts.contains { $0.contains("would stop the key typing text") })
        #expect(map.action(for: .ctrl("s"), in: [.typing]) == .send, "the first binding wins")
        #expect(map.action(for: .char("?"), in: [.typing]) == nil)
    }

    @Test func everyKeyResolvesToItsOwnBindingInItsScope() {
        for b in keymap.bindings {
            for key in b.keys {
                #expect(keymap.action(for: key, in: [b.scope]) == b.action, "\(key) in \(b.scope) should mean \(b.action)")
            }
        }
    }

    @Test func paneKeysShadowGlobalOnes() {
        #expect(keymap.action(for: .enter, in: KeyContext.pane(.history).scopes) == .openDetail)
        #expect(keymap.action(for: .enter, in: KeyContext.pane(.templates).scopes) == .select)
        #expect(keymap.action(for: .char("q"), in: KeyContext.pane(.form).scopes) == .quit)
        #expect(keymap.action(for: .char("x"), in: KeyContext.pane(.form).scopes) == nil)
    }

    @Test func editorsLetOnlyControlAndFunctionKeysThrough() {
        for context in [KeyContext.field, .prompt, .rawEditor, .filter] {
            #expect(keymap.action(for: .ctrl("c"), in: context.scopes) == .quit)
            #expect(keymap.action(for: .ctrl("s"), in: context.scopes) == .send)
            #expect(keymap.action(for: .ctrl("z"), in: context.scopes) == .suspend)
            #expect(keymap.action(for: .char("q"), in: context.scopes) == nil, "q types a q in \(context)")
        }
        #expect(keymap.action(for: .function(2), in: KeyContext.field.scopes) == .toggleRaw)
        #expect(keymap.action(for: .function(2), in: KeyContext.rawEditor.scopes) == .leaveRaw)
        #expect(keymap.action(for: .ctrl("w"), in: KeyContext.field.scopes) == .deleteWordBackward)
    }

    @Test func dialogsAndOverlaysHaveTheirOwnKeys() {
        #expect(keymap.action(for: .char("y"), in: KeyContext.dialog.scopes) == .yes)
        #expect(keymap.action(for: .escape, in: KeyContext.dialog.scopes) == .no)
        #expect(keymap.action(for: .char("q"), in: KeyContext.detail.scopes) == .close, "q closes the details, not the app")
        #expect(keymap.action(for: .end, in: KeyContext.detail.scopes) == .bottom)
        #expect(keymap.action(for: .char("G"), in: KeyContext.help.scopes) == .bottom)
        #expect(keymap.action(for: .ctrl("s"), in: KeyContext.help.scopes) == nil, "no sending from under a dialog")
    }

    @Test func labelsComeFromTheKeys() {
        let send = keymap.bindings.first { $0.action == .send }!
        #expect(send.label == "^S/F5")
        #expect(KeyName.label([.home, .char("g")]) == "Home/g")
        #expect(KeyName.label(.char(" ")) == "Space")
    }

    @Test func helpAndFooterComeFromTheMap() {
        let help = HelpContent.lines(keymap).map { $0.map(\.text).joined() }.joined(separator: "\n")
        for b in keymap.bindings { #expect(help.contains(b.help), "help is missing \(b.help)") }
        let footer = keymap.footer(primary: .pane(.history), others: [.typing, .panes])
        #expect(footer.map(\.key) == ["Enter", "r", "/", "m", "=", "^S/F5", "Tab", "F2", "?", "q", "^P"])
        let rebound = Keymap(Keymap.standardBindings.map { b in
            var b = b
            if b.action == .send { b.keys = [.ctrl("x")] }
            return b
        })
        #expect(rebound.footer(primary: .pane(.form), others: [.typing, .panes]).contains { $0.key == "^X" && $0.text == "send" })
    }
}
