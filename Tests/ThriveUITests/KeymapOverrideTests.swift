import TerminalScreen
import Testing
import ThriveCore

@testable import ThriveUI

/// keys.yaml's rebindings applied to the standard map: what the keys do, what help and the footer show,
/// and how each kind of mistake is reported (file and line) while the action keeps its keys.
@Suite("Keymap file rebinding")
struct KeymapOverrideTests {
    private func apply(_ entries: (String, [String], Int)...) -> (keymap: Keymap, problems: [String]) {
        Keymap.standard.applying(entries.map { KeyRebinding(action: $0.0, keys: $0.1, line: $0.2) }, file: "~/keys.yaml")
    }

    private func helpText(_ map: Keymap) -> [String] { HelpContent.lines(map).map { $0.map(\.text).joined() } }

    private func sameKeys(_ a: Keymap, _ b: Keymap, for action: Action) -> Bool {
        a.bindings.filter { $0.action == action } == b.bindings.filter { $0.action == action }
    }

    @Test func keyNamesAsAFileWritesThem() {
        let cases: [(String, Key?)] = [
            ("ctrl-s", .ctrl("s")), ("C-S", .ctrl("s")), ("^s", .ctrl("s")), ("Ctrl-Left", .ctrlLeft), ("alt-x", .alt("x")),
            ("M-X", .alt("X")), ("f1", .function(1)), ("F12", .function(12)), ("enter", .enter), ("Return", .enter),
            ("esc", .escape), ("Escape", .escape), ("tab", .tab), ("shift-tab", .backTab), ("backtab", .backTab),
            ("backspace", .backspace), ("del", .delete), ("delete", .delete), ("insert", .insert), ("home", .home),
            ("end", .end), ("pgup", .pageUp), ("page-down", .pageDown), ("up", .up), ("Left", .left), ("space", .char(" ")),
            ("q", .char("q")), ("G", .char("G")), ("g", .char("g")), ("?", .char("?")), ("/", .char("/")),
            ("f13", nil), ("f0", nil), ("hyper-x", nil), ("ctrl-", nil), ("ctrl-ss", nil), ("", nil), ("sendkey", nil),
        ]
        for (name, key) in cases { #expect(KeyName.parse(name) == key, "\(name)") }
    }

    @Test func sendOnCtrlSAndF6() throws {
        let (map, problems) = apply(("send", ["ctrl-s", "f6"], 1))
        #expect(problems.isEmpty, "\(problems)")
        for context in [KeyContext.pane(.form), .field, .rawEditor] {
            #expect(map.action(for: .function(6), in: context.scopes) == .send)
            #expect(map.action(for: .function(5), in: context.scopes) == nil, "F5 no longer sends")
        }
        #expect(helpText(map).contains { $0.contains("^S/F6") && $0.contains("send the request") })
        #expect(!helpText(map).contains { $0.contains("^S/F5") })

        var s = Fixtures.state(width: 120, height: 30)
        s.keymap = map
        guard case .send? = Fixtures.key(&s, .function(6)).first else {
            Issue.record("F6 did not send: status \(s.status?.text ?? "none")")
            return
        }
        let footer = render(s).text.components(separatedBy: "\n").last { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? ""
        #expect(footer.contains("^S/F6 send"), "footer: \(footer)")

        var h = Fixtures.state(width: 100, height: 60)
        h.keymap = map
        _ = Fixtures.key(&h, .char("?"))
        #expect(render(h).text.contains("^S/F6"), "the help overlay shows the new keys")
    }

    @Test func statusMessagesNameTheReboundKey() {
        var s = Fixtures.state()
        s.keymap = apply(("send", ["f6", "ctrl-s"], 1)).keymap
        _ = Fixtures.key(&s, .enter)
        #expect(s.status?.text.hasSuffix("draft: Enter edits a field, F6 sends") == true, "\(s.status?.text ?? "none")")
    }

    @Test func severalBindingsInAScopeBecomeOne() {
        let (map, problems) = apply(("help", ["f1", "ctrl-h"], 4))
        #expect(problems.isEmpty, "\(problems)")
        #expect(map.bindings.filter { $0.action == .help }.count == 1)
        #expect(map.action(for: .char("?"), in: KeyContext.pane(.templates).scopes) == nil)
        #expect(map.action(for: .function(1), in: KeyContext.pane(.templates).scopes) == .help)
        #expect(map.footer(primary: .pane(.templates), others: [.typing, .panes]).contains { $0.key == "F1/^H" && $0.text == "help" })
    }

    @Test func anUnknownActionNamesTheLineAndSuggests() {
        let (map, problems) = apply(("quit", ["ctrl-q"], 1), ("toggle-raw", ["f3"], 2), ("zzzzzzzz", ["f4"], 3))
        #expect(problems.count == 2, "\(problems)")
        #expect(problems[0].hasPrefix("~/keys.yaml: line 2: unknown action \"toggle-raw\"") && problems[0].contains("toggle_raw"))
        #expect(problems[1].hasPrefix("~/keys.yaml: line 3: unknown action") && problems[1].contains("README"))
        #expect(map.action(for: .ctrl("q"), in: KeyContext.field.scopes) == .quit, "the good rebinding still applies")
    }

    @Test func anUnknownKeyNameKeepsTheDefaults() {
        let (map, problems) = apply(("send", ["ctrl-s", "hyper-x"], 2), ("quit", ["ctrl-q"], 3))
        #expect(problems == [
            "~/keys.yaml: line 2: unknown key name \"hyper-x\" for send (try ctrl-s, alt-x, f6, enter, esc, tab, shift-tab, pgup, up, "
                + "space or one character); send keeps ^S/F5",
        ])
        #expect(sameKeys(map, .standard, for: .send))
        #expect(map.action(for: .ctrl("q"), in: KeyContext.pane(.form).scopes) == .quit)
    }

    @Test func aClashNamesTheOtherActionAndScope() {
        let (map, problems) = apply(("quit", ["ctrl-q"], 1), ("send", ["f2"], 2))
        #expect(problems == ["~/keys.yaml: line 2: F2 for send clashes with toggle_raw in typing; send keeps ^S/F5"])
        #expect(sameKeys(map, .standard, for: .send))
        #expect(map.action(for: .function(2), in: KeyContext.pane(.form).scopes) == .toggleRaw)
        #expect(map.action(for: .ctrl("q"), in: KeyContext.pane(.form).scopes) == .quit)
        #expect(map.conflicts.isEmpty, "\(map.conflicts)")
    }

    @Test func aPrintableKeyForAnActionThatWorksWhileTypingIsRefused() {
        let (map, problems) = apply(("send", ["s"], 5))
        #expect(problems == ["~/keys.yaml: line 5: s cannot be send in typing: it would stop the key typing text; send keeps ^S/F5"])
        #expect(sameKeys(map, .standard, for: .send))
    }

    @Test func aKeyThatWouldTakeAnotherActionsKeyOrNeverWorkIsRefused() {
        let (map, problems) = apply(("send", ["ctrl-s", "enter"], 1), ("cycle_theme", ["f2"], 2), ("quit", ["ctrl-q", "ctrl-d"], 3))
        #expect(problems == [
            "~/keys.yaml: line 1: Enter for send would take it from select in templates; send keeps ^S/F5",
            "~/keys.yaml: line 2: F2 for cycle_theme would never work: toggle_raw takes F2 first (in typing); cycle_theme keeps t",
            "~/keys.yaml: line 3: ^D for quit would take it from delete_forward in text editing; quit keeps q/^C",
        ])
        #expect(map.bindings == Keymap.standard.bindings)
    }

    @Test func lineEditorsGetOnlyTheKeysThatTypeNothing() {
        let (map, problems) = apply(("up", ["up", "k", "alt-k"], 1), ("down", ["j"], 2))
        #expect(map.action(for: .char("k"), in: KeyContext.pane(.history).scopes) == .up)
        #expect(map.action(for: .alt("k"), in: KeyContext.filter.scopes) == .up)
        #expect(map.action(for: .char("k"), in: KeyContext.filter.scopes) == nil, "k types a k in the filter line")
        #expect(problems.count == 1, "\(problems)")
        #expect(problems.first?.hasPrefix("~/keys.yaml: line 2: j cannot be down in filter: it would stop the key typing text") == true)
        #expect(sameKeys(map, .standard, for: .down))
    }

    @Test func everyActionReboundToItsFirstKeysIsAccepted() {
        // Rebinding to keys an action already has must not be refused: the checks catch only what is new.
        // quit (q would join ^C in `anywhere`) and close (Esc would join the batch view) genuinely change, and so
        // does edit_external (e would join M-e in the raw editor, where it would type).
        for action in Action.allCases where ![.quit, .close, .editExternal].contains(action) {
            guard let first = Keymap.standard.bindings.first(where: { $0.action == action }) else { continue }
            let (_, problems) = apply((action.rawValue, first.keys.map(Self.fileName), 1))
            #expect(problems.isEmpty, "\(action): \(problems)")
        }
    }

    /// A name `KeyName.parse` reads back as `key`.
    private static func fileName(_ key: Key) -> String {
        switch key {
        case .char(" "): return "space"
        case .char(let c): return String(c)
        case .ctrl(let c): return "ctrl-\(c)"
        case .alt("\u{7F}"): return "alt-backspace"
        case .alt(let c): return "alt-\(c)"
        case .function(let n): return "f\(n)"
        case .up: return "up"
        case .down: return "down"
        case .left: return "left"
        case .right: return "right"
        case .home: return "home"
        case .end: return "end"
        case .pageUp: return "pgup"
        case .pageDown: return "pgdn"
        case .enter: return "enter"
        case .tab: return "tab"
        case .backTab: return "shift-tab"
        case .backspace: return "backspace"
        case .delete: return "delete"
        case .insert: return "insert"
        case .escape: return "esc"
        case .ctrlLeft: return "ctrl-left"
        case .ctrlRight: return "ctrl-right"
        }
    }

    @Test func twoActionsCanSwapKeys() {
        let (map, problems) = apply(("send", ["f2"], 1), ("toggle_raw", ["f5"], 2))
        #expect(problems.isEmpty, "\(problems)")
        #expect(map.action(for: .function(2), in: KeyContext.field.scopes) == .send)
        #expect(map.action(for: .function(5), in: KeyContext.field.scopes) == .toggleRaw)
    }

    @Test func whenTwoRebindingsClashTheLaterLineLoses() {
        let (map, problems) = apply(("help", ["f6"], 1), ("cycle_theme", ["f6"], 2))
        #expect(problems == ["~/keys.yaml: line 2: F6 for cycle_theme clashes with help in panes; cycle_theme keeps t"])
        #expect(map.action(for: .function(6), in: KeyContext.pane(.history).scopes) == .help)
        #expect(map.action(for: .char("t"), in: KeyContext.pane(.history).scopes) == .cycleTheme)
    }

    @Test func aSkippedRebindingsDefaultsCanSkipAnother() {
        // toggle_raw's mistake keeps F2 on toggle_raw, so send's F2 now clashes and is skipped as well.
        let (map, problems) = apply(("send", ["f2"], 1), ("toggle_raw", ["f5", "bogus"], 2))
        #expect(problems.count == 2, "\(problems)")
        #expect(problems[0].hasPrefix("~/keys.yaml: line 1: F2 for send clashes with toggle_raw"))
        #expect(problems[1].hasPrefix("~/keys.yaml: line 2: unknown key name \"bogus\""))
        #expect(map.bindings == Keymap.standard.bindings)
    }

    @Test func repeatsAndEmptyListsAreReported() {
        let (_, problems) = apply(("send", ["f6"], 1), ("send", ["f7"], 2), ("quit", [], 3))
        #expect(problems == [
            "~/keys.yaml: line 2: send is already rebound on line 1; send keeps ^S/F5",
            "~/keys.yaml: line 3: quit needs at least one key",
        ])
    }

    @Test func suggestionsComeFromEditDistance() {
        #expect(Keymap.editDistance("sned", "send") == 2)
        #expect(Keymap.editDistance("", "abc") == 3)
        #expect(Keymap.suggestion(for: "pageup").contains("page_up"))
        #expect(Keymap.suggestion(for: "qit").contains("quit"))
    }
}
