import Foundation
import TerminalScreen
import Testing
import ThriveCore
@testable import ThriveUI

/// The command palette, copy as code, the outside editor and the start-up problem list, through keys and messages.
@Suite("Palette, copy as code, $EDITOR")
struct PaletteAndSharingTests {
    private func palette(_ s: AppState) -> ChoiceList? {
        if case .choices(let l)? = s.overlay { return l }
        return nil
    }

    @Test func ctrlPAndColonOpenThePaletteWithEveryCommandAndItsKey() throws {
        var s = Fixtures.state(width: 100, height: 30)
        _ = Fixtures.key(&s, .ctrl("p"))
        let list = try #require(palette(s))
        #expect(list.filter != nil)
        let send = try #require(list.items.first { $0.label == "Send the draft" })
        #expect(send.detail == "^S/F5")
        #expect(list.items.contains { $0.label == "Switch profile" && $0.detail == "p" })
        #expect(list.items.contains { $0.label.hasPrefix("Export history as HAR") })
        #expect(list.items.contains { $0.label == "Theme: light" })
        _ = Fixtures.key(&s, .escape)
        #expect(s.overlay == nil)
        _ = Fixtures.key(&s, .char(":"))
        #expect(palette(s) != nil, ": opens it from a pane")
    }

    @Test func typingFiltersFuzzilyAndEnterRuns() throws {
        var s = Fixtures.state(width: 100, height: 30)
        _ = Fixtures.key(&s, .ctrl("p"))
        Fixtures.type(&s, "thlig")
        let list = try #require(palette(s))
        #expect(list.selectedItem?.label == "Theme: light", "shown: \(list.shown.map { list.items[$0].label })")
        #expect(render(s).text.contains("> thlig"))
        #expect(Fixtures.key(&s, .enter) == [.setTheme("light"), .rememberTheme("light")])
        #expect(s.themeName == "light")
    }

    @Test func aFilterThatMatchesNothingSaysSo() throws {
        var s = Fixtures.state(width: 100, height: 30)
        _ = Fixtures.key(&s, .ctrl("p"))
        Fixtures.type(&s, "zzzzqqq")
        #expect(palette(s)?.shown.isEmpty == true)
        #expect(render(s).text.contains("nothing matches"))
        _ = Fixtures.key(&s, .enter)
        #expect(s.overlay == nil)
    }

    @Test func fuzzyScoresPreferWordStartsAndRuns() {
        #expect(FuzzyMatch.score("sp", in: "Switch profile")! > FuzzyMatch.score("sp", in: "Use the pasted key")!)
        #expect(FuzzyMatch.score("xyz", in: "Send the draft") == nil)
        #expect(FuzzyMatch.score("SEND", in: "send the draft") != nil, "case is ignored")
    }

    @Test func thePaletteFollowsARebindingAndRunsActionsInTheirPane() throws {
        let rebound = Keymap.standardBindings.map { b -> Binding in
            var b = b
            if b.action == .send { b.keys = [.function(6)] }
            return b
        }
        var s = AppState(size: Size(width: 100, height: 30), catalogue: .builtIn(), destination: Destination(target: .sandbox(port: 54321)),
                         keymap: Keymap(rebound), now: Fixtures.now, ids: .sequential)
        _ = Fixtures.key(&s, .ctrl("p"))
        #expect(palette(s)?.items.first { $0.label == "Send the draft" }?.detail == "F6")
        Fixtures.type(&s, "search history")
        _ = Fixtures.key(&s, .enter)
        #expect(s.focus == .history)
        #expect(s.history.isSearching, "the history search line opened")
    }

    @Test func cCopiesTheDraftAsCurlWithTheKeyMasked() throws {
        var s = Fixtures.state(width: 100, height: 30)
        s.destination = Destination(target: .custom(URL(string: "http://127.0.0.1:8787/api")!), apiKey: "sk_copy_secret_1234")
        _ = Fixtures.key(&s, .char("c"))
        #expect(palette(s)?.items.map(\.label) == ["curl", "HTTPie", "JavaScript fetch", "Python requests", "Go net/http"])
        let effects = Fixtures.key(&s, .enter)
        guard case .copyToClipboard(let text)? = effects.first else { Issue.record("no copy: \(effects)"); return }
        #expect(text.hasPrefix("curl "))
        #expect(text.contains("http://127.0.0.1:8787/api/track"))
        #expect(!text.contains("sk_copy_secret_1234"), "masked unless asked")
        #expect(s.status?.text.contains("copied as curl") == true)
    }

    @Test func kRevealsTheKeyAndSSavesToAFile() throws {
        var s = Fixtures.state(width: 100, height: 30)
        s.destination = Destination(target: .custom(URL(string: "http://127.0.0.1:8787/api")!), apiKey: "sk_copy_secret_1234")
        _ = Fixtures.key(&s, .char("c"), .down, .down, .down, .char("k"))
        #expect(render(s).text.contains("key SHOWN"))
        #expect(s.status?.kind == .warning)
        _ = Fixtures.key(&s, .char("s"))
        #expect(s.openPrompt?.editor.text == "request.py")
        #expect(render(s).text.contains("Save as:"))
        let effects = Fixtures.key(&s, .enter)
        guard case .writeFile(let path, let contents, let what)? = effects.first else { Issue.record("no write: \(effects)"); return }
        #expect(path == "request.py")
        #expect(what == "Python requests snippet")
        #expect(contents.contains("import requests"))
        #expect(contents.contains("sk_copy_secret_1234"), "the person asked for the key")
        _ = update(&s, .fileWritten(path: path, what: what, error: nil))
        #expect(s.status?.text == "wrote Python requests snippet to request.py")
    }

    @Test func cInTheHistoryCopiesTheSelectedEntry() throws {
        var s = Fixtures.state(width: 100, height: 30)
        let (id, request) = try Fixtures.send(&s)
        _ = update(&s, .sendFinished(id: id, report: Fixtures.report(request, status: 200, body: "{}")))
        s.focus = .history
        _ = Fixtures.key(&s, .char("c"))
        #expect(palette(s)?.purpose == .copyAs(.history(id: id)))
        let effects = Fixtures.key(&s, .down, .down, .enter)
        guard case .copyToClipboard(let text)? = effects.first else { Issue.record("no copy: \(effects)"); return }
        #expect(text.contains("fetch("))
        #expect(text.contains("http://127.0.0.1:54321/api/track"))
    }

    @Test func paletteExportsTheHistoryThroughThePathPrompt() throws {
        var s = Fixtures.state(width: 100, height: 30)
        _ = Fixtures.key(&s, .ctrl("p"))
        Fixtures.type(&s, "export har")
        _ = Fixtures.key(&s, .enter)
        #expect(s.openPrompt?.editor.text == "thrive-history.har")
        #expect(Fixtures.key(&s, .enter) == [.exportHistory(path: "thrive-history.har", format: .har)])
        _ = update(&s, .fileWritten(path: "/nope/x.har", what: "the history (har)", error: "/nope/x.har cannot be written (no such folder)"))
        #expect(s.status?.kind == .error)
    }

    @Test func eOpensTheDraftInTheEditorAndTakesTheTextBack() throws {
        var s = Fixtures.state(width: 100, height: 30)
        let effects = Fixtures.key(&s, .char("e"))
        guard case .editExternally(let text, let ext)? = effects.first else { Issue.record("no editor: \(effects)"); return }
        #expect(ext == "json")
        #expect(text.contains("\"event_name\": \"signed_up\""))
        let edited = text.replacingOccurrences(of: "Jane Doe", with: "Joan Edited")
        _ = update(&s, .externalEditFinished(.success(edited)))
        #expect(s.composer.mode == .form)
        #expect(s.composer.body.compact().contains("Joan Edited"))
        #expect(s.status?.kind == .success)
    }

    @Test func textThatDoesNotParseLandsInTheRawEditorWithTheReason() throws {
        var s = Fixtures.state(width: 100, height: 30)
        _ = Fixtures.key(&s, .char("e"))
        let broken = "{\"event_name\": \"signed_up\", oops"
        _ = update(&s, .externalEditFinished(.success(broken)))
        #expect(s.composer.mode == .raw)
        #expect(s.composer.raw.text == broken, "nothing is lost")
        #expect(s.composer.rawError != nil)
        #expect(s.status?.kind == .error)
        #expect(s.status?.text.contains("line 1") == true)
    }

    @Test func aBatchGoesOutAsNDJSONAndABadLineIsNamed() throws {
        var s = Fixtures.state(width: 100, height: 30)
        let lines = (1...3).map { #"{"event_name":"feature_used","user_id":"u_\#($0)","properties":{"feature_name":"f"},"context":{"group_id":"g"},"timestamp":"2026-09-21T14:13:20.000Z"}"# }
        s.composer.load(body: try JSONParser.parse(#"[\#(lines.joined(separator: ","))]"#), endpoint: .track)
        let effects = Fixtures.key(&s, .char("e"))
        guard case .editExternally(let text, let ext)? = effects.first else { Issue.record("no editor: \(effects)"); return }
        #expect(ext == "ndjson")
        #expect(text.split(separator: "\n").count == 3)
        let edited = text.replacingOccurrences(of: "u_2", with: "u_20") + "{\"event_name\": \"feature_used\"}\n"
        _ = update(&s, .externalEditFinished(.success(edited)))
        #expect(s.composer.eventCount == 4)
        #expect(s.composer.body.compact().contains("u_20"))
        _ = Fixtures.key(&s, .char("e"))
        let bad = "{\"a\":1}\n{nope\n"
        _ = update(&s, .externalEditFinished(.success(bad)))
        #expect(s.status?.text.hasPrefix("line 2 of the edited NDJSON") == true, "\(s.status?.text ?? "")")
        #expect(s.composer.raw.text == bad)
        #expect(s.keyContext == .rawEditor)
        let again = Fixtures.key(&s, .alt("e"))
        #expect(again == [.editExternally(text: bad, fileExtension: "ndjson")], "M-e from the raw editor reopens the same NDJSON")
    }

    @Test func anEditorThatFailsLeavesTheDraft() {
        var s = Fixtures.state(width: 100, height: 30)
        let before = s.composer.body
        _ = Fixtures.key(&s, .char("e"))
        _ = update(&s, .externalEditFinished(.failure(UIError("nano was not found (set $VISUAL or $EDITOR)"))))
        #expect(s.composer.body == before)
        #expect(s.status?.text == "the editor did not run: nano was not found (set $VISUAL or $EDITOR)")
    }

    @Test func bangListsEveryStartUpProblem() throws {
        var s = Fixtures.state(width: 100, height: 30)
        s.startupProblems = ["themes/bad.yaml: line 3: unknown role \"sparkle\"", "keys.yaml: line 2: unknown action \"sned\" (did you mean send?)",
                             "the API key from THRIVESTACK_API_KEY is not used: sending to the sandbox"]
        _ = Fixtures.key(&s, .char("!"))
        let text = render(s).text
        #expect(text.contains("Start-up problems (3)"))
        for p in ["unknown role", "unknown action \"sned\"", "is not used"] { #expect(text.contains(p)) }
        _ = Fixtures.key(&s, .char("x"))
        #expect(s.overlay == nil, "any other key closes it")
    }
}
