import Foundation
import TerminalScreen
import Testing
import ThriveCore

@testable import ThriveUI

/// Imports in the UI: pasted curl and NDJSON, the `o` prompt driven by messages, and the batch view.
@Suite("Imports and the batch view")
struct ImportTests {
    static let key = "sk_live_pasteKEY0123456789abcd"
    static let curl = """
        curl --location 'https://api.app.thrivestack.ai/api/track' \\
          --header 'x-api-key: \(key)' \\
          --header 'Content-Type: application/json' \\
          --data '[{"event_name": "signed_in", "user_id": "curl-user-1", "timestamp": "2026-09-21T14:00:00Z"}]'
        """

    /// `count` track events, one a line; the first `renamed` use `event` instead of `event_name`; `badLine` is not JSON.
    static func ndjson(count: Int, renamed: Int = 0, badLine: Int? = nil) -> String {
        var lines: [String] = []
        var k = 0
        while k < count {
            if lines.count + 1 == badLine { lines.append(#"{"event_name": "app_opened", "user_id": }"#); continue }
            k += 1
            let key = k <= renamed ? "event" : "event_name"
            lines.append(#"{"\#(key)": "app_opened", "user_id": "user-\#(k)", "timestamp": "2026-09-21T14:00:\#(String(format: "%02d", k % 60))Z"}"#)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func paste(_ s: inout AppState, _ text: String) -> [Effect] { update(&s, .terminal(.paste(text))) }

    /// Everything a person could see or that could be kept: the screen, the status, the preview, the history.
    func visibleText(_ s: AppState) -> String {
        var all = render(s).text + (s.status?.text ?? "")
        all += (0..<s.preview.lineCount).map { s.preview.line($0).map(\.text).joined() }.joined(separator: "\n")
        all += String(describing: s.foundKey) + String(reflecting: s.foundKey as Any)
        return all
    }

    @Test func aPastedCurlBecomesADraftAndItsKeyIsNeverShown() throws {
        var s = Fixtures.state(width: 100, height: 30)
        #expect(paste(&s, Self.curl).isEmpty)
        #expect(s.composer.endpoint == .track)
        #expect(s.composer.eventCount == 1)
        #expect(s.composer.event["user_id"] == .string("curl-user-1"))
        #expect(s.focus == .form && s.overlay == nil, "one event: straight to the form")
        #expect(s.foundKey != nil)
        #expect(s.status?.text.contains("the pasted curl had an API key: K uses it for this run, anything else ignores it") == true, "\(s.status?.text ?? "")")
        #expect(!visibleText(s).contains("pasteKEY"), "the key is nowhere on screen, in the status, the preview or a dump")
        // Keys that are not K leave it unused: the sandbox request carries the sandbox's own key.
        _ = Fixtures.key(&s, .char("j"), .char("]"))
        #expect(s.destination.apiKey == nil)
        let (id, request) = try Fixtures.send(&s)
        #expect(request.header("x-api-key") == Destination.sandboxKey)
        _ = update(&s, .sendFinished(id: id, report: Fixtures.report(request, status: 200, body: #"{"success":true}"#)))
        #expect(!visibleText(s).contains("pasteKEY"))
    }

    @Test func kUsesThePastedKeyForThisRunOnlyAndItIsNeverStored() throws {
        var s = Fixtures.state(width: 100, height: 30)
        s.destination = Destination(target: .live)
        s.confirmLive = false  // the LIVE question has its own tests; this one is about the key
        _ = paste(&s, Self.curl)
        _ = Fixtures.key(&s, .char("K"))
        #expect(s.destination.apiKey == Self.key)
        #expect(s.foundKey == nil)
        let (id, request) = try Fixtures.send(&s)
        #expect(request.header("x-api-key") == Self.key, "K made it this run's key")
        _ = update(&s, .sendFinished(id: id, report: Fixtures.report(request, status: 200, body: #"{"success":true}"#)))
        let entry = try #require(s.history.entry(id: id))
        #expect(!entry.requestHeaders.contains { $0.value.contains("pasteKEY") }, "history keeps it masked")
        #expect(!visibleText(s).contains("pasteKEY"))
    }

    @Test func pastedNDJSONBecomesABatchWithTheBadLineSetAside() {
        var s = Fixtures.state(width: 100, height: 30)
        _ = paste(&s, Self.ndjson(count: 4, badLine: 3))
        #expect(s.composer.eventCount == 4)
        #expect(s.status?.text.hasPrefix("loaded 4 events from the pasted NDJSON; 1 line set aside (line 3: ") == true, "\(s.status?.text ?? "")")
        guard case .batch(let view)? = s.overlay else { Issue.record("no batch view"); return }
        #expect(view.rows == [0, 1, 2, 3])
        #expect(s.composer.label(event: 2) == "event 3 (line 4)", "numbers count events, lines count the file")
    }

    @Test func textThatIsNeitherIsStillIgnored() {
        var s = Fixtures.state()
        _ = Fixtures.key(&s, .tab)
        let before = s.composer.body
        _ = paste(&s, "d\nd\nhello")
        #expect(s.status?.text.hasPrefix("paste ignored") == true)
        #expect(s.composer.body == before)
    }

    @Test func replacingAChangedDraftAsksFirst() {
        var s = Fixtures.state()
        _ = Fixtures.key(&s, .enter)  // a signed_up draft
        s.composer.set(.string("changed"), at: JSONPointer(["user_id"]))
        _ = Fixtures.key(&s, .escape)
        _ = paste(&s, Self.ndjson(count: 3))
        guard case .confirmDiscard(.imported(let name, let events))? = s.overlay else { Issue.record("no question: \(String(describing: s.overlay))"); return }
        #expect(name == "the pasted NDJSON" && events == 3)
        #expect(render(s).text.contains("Load 3 events from the pasted NDJSON as a new draft?"))
        _ = Fixtures.key(&s, .char("n"))
        #expect(s.composer.event["user_id"] == .string("changed"))
        #expect(s.pendingImport == nil)
        _ = paste(&s, Self.curl)
        _ = Fixtures.key(&s, .char("y"))
        #expect(s.composer.event["user_id"] == .string("curl-user-1"))
        #expect(s.foundKey != nil, "the key came with the import the person accepted")
    }

    @Test func theOpenPromptCompletesThroughMessages() {
        var s = Fixtures.state(width: 100, height: 30)
        _ = Fixtures.key(&s, .char("o"))
        #expect(s.keyContext == .pathPrompt)
        Fixtures.type(&s, "~")
        #expect(Fixtures.key(&s, .tab) == [.listDirectory("~/")])
        #expect(s.openPrompt?.editor.text == "~/")
        _ = update(&s, .directoryListed(directory: "~/", result: .success(["exports/", "export.ndjson", ".hidden", "notes.txt"])))
        #expect(s.status?.text == "3 choices: Tab again lists them", "nothing to add: the first Tab only counts (hidden files left out)")
        Fixtures.type(&s, "ex")
        #expect(Fixtures.key(&s, .tab) == [.listDirectory("~/")])
        _ = update(&s, .directoryListed(directory: "~/", result: .success(["exports/", "export.ndjson", ".hidden", "notes.txt"])))
        #expect(s.openPrompt?.editor.text == "~/export", "the common prefix")
        _ = Fixtures.key(&s, .tab)  // after a partial completion, the next Tab lists
        _ = update(&s, .directoryListed(directory: "~/", result: .success(["exports/", "export.ndjson"])))
        #expect(s.status?.text == "2 choices: export.ndjson  exports/")
        Fixtures.type(&s, "s")
        _ = Fixtures.key(&s, .tab)
        // A listing for text the person has since changed is dropped.
        Fixtures.type(&s, "x")
        _ = update(&s, .directoryListed(directory: "~/", result: .success(["exports/"])))
        #expect(s.openPrompt?.editor.text == "~/exportsx")
        _ = Fixtures.key(&s, .backspace, .tab)
        _ = update(&s, .directoryListed(directory: "~/", result: .success(["exports/", "export.ndjson"])))
        #expect(s.openPrompt?.editor.text == "~/exports/", "a folder completes with its slash")
        Fixtures.type(&s, "big.ndjson")
        let screen = render(s)
        #expect(screen.line(29).contains("Open file: ~/exports/big.ndjson"))
        #expect(Fixtures.key(&s, .enter) == [.importFile(path: "~/exports/big.ndjson")])
        #expect(s.openPrompt == nil)
        _ = update(&s, .fileImported(path: "~/exports/big.ndjson", result: .failure(EventImportError("~/exports/big.ndjson: no such file"))))
        #expect(s.status?.text == "not opened: ~/exports/big.ndjson: no such file")
        let set = EventImport.parse(Self.ndjson(count: 47, badLine: 13), name: "~/exports/export.ndjson")
        _ = update(&s, .fileImported(path: "~/exports/export.ndjson", result: .success(set)))
        #expect(s.composer.eventCount == 47)
        #expect(s.status?.text.hasPrefix("loaded 47 events from export.ndjson; 1 line set aside (line 13: ") == true, "\(s.status?.text ?? "")")
    }

    @Test func escClosesThePromptAndQTypesInIt() {
        var s = Fixtures.state()
        _ = Fixtures.key(&s, .char("o"))
        #expect(Fixtures.key(&s, .char("q")).isEmpty, "q is text in the prompt")
        #expect(s.openPrompt?.editor.text == "q")
        _ = update(&s, .terminal(.paste("/tmp/x.json")))
        #expect(s.openPrompt?.editor.text == "q/tmp/x.json", "a paste goes into the prompt")
        _ = Fixtures.key(&s, .escape)
        #expect(s.openPrompt == nil && s.keyContext == .pane(.templates))
    }

    func imported48() -> AppState {
        var s = Fixtures.state(width: 100, height: 30)
        let set = EventImport.parse(Self.ndjson(count: 48, renamed: 31), name: "export.ndjson")
        _ = update(&s, .fileImported(path: "export.ndjson", result: .success(set)))
        return s
    }

    @Test func batchRowsFilterEditAndFixAll() {
        var s = imported48()
        guard case .batch(let view)? = s.overlay else { Issue.record("no batch view"); return }
        #expect(view.rows.count == 48)
        #expect(view.errorEvents == 31, "\(s.composer.eventFindings[0])")
        let text = render(s).text
        #expect(text.contains("13 · line 13"))
        #expect(text.contains("user-13") && text.contains("not sent"))
        _ = Fixtures.key(&s, .char("e"))
        guard case .batch(let errors)? = s.overlay else { Issue.record("closed"); return }
        #expect(errors.rows == Array(0..<31))
        #expect(s.status?.text == "31 events with errors: e shows all")
        _ = Fixtures.key(&s, .down, .down, .enter)
        #expect(s.overlay == nil && s.focus == .form)
        #expect(s.composer.eventIndex == 2)
        #expect(s.status?.text.hasPrefix("event 3 (line 3)") == true)
        #expect(render(s).text.contains("event 3 (line 3)"), "the form names the event as the list does")
        _ = Fixtures.key(&s, .char("b"))
        _ = Fixtures.key(&s, .char("F"))
        #expect(s.status?.text == "rename `event` → `event_name` in 31 events")
        guard case .batch(let after)? = s.overlay else { Issue.record("closed"); return }
        #expect(after.errorEvents == 0)
        #expect(s.composer.errorCount == 0)
        #expect(s.composer.events.allSatisfy { $0["event_name"] != nil && $0["event"] == nil })
    }

    @Test func theFormsFixAllKeyFixesEveryEventLikeIt() {
        var s = imported48()
        _ = Fixtures.key(&s, .escape)
        #expect(s.focus == .form)
        s.composer.selection = s.composer.rows.firstIndex { $0.path == JSONPointer(["event"]) } ?? 0
        _ = Fixtures.key(&s, .char("F"))
        #expect(s.status?.text == "rename `event` → `event_name` in 31 events")
        #expect(s.composer.errorCount == 0)
    }

    @Test func theSendDialogNamesEventsAsTheFormDoes() {
        var s = Fixtures.state(width: 100, height: 30)
        let set = EventImport.parse(Self.ndjson(count: 20, badLine: 5).replacingOccurrences(of: "user-12\"", with: "\" "), name: "export.ndjson")
        _ = update(&s, .fileImported(path: "export.ndjson", result: .success(set)))
        _ = Fixtures.key(&s, .escape)
        var names = ""
        if let k = s.composer.eventFindings.firstIndex(where: { !$0.isEmpty }) { names = s.composer.label(event: k) }
        #expect(names == "event 12 (line 13)")
        _ = Fixtures.key(&s, .ctrl("s"))
        guard case .confirmSend(let errors)? = s.overlay else { Issue.record("no confirmation"); return }
        #expect(errors.first?.hasPrefix("event 12 (line 13), user_id: ") == true, "\(errors)")
    }

    @Test func sendStatesAreKeptByEventNumber() {
        var s = imported48()
        s.importedBatch?.sendStates[2] = .accepted
        s.importedBatch?.sendStates[3] = .rejected(reason: "400 user_id is required")
        s.importedBatch?.sendStates[4] = .skipped(acceptedOn: Fixtures.now)
        let text = render(s).text
        #expect(text.contains("accepted"))
        #expect(text.contains("rejected: 400"))
        #expect(text.contains("skipped (2026-09-21)"), "already accepted on that day: not sent again")
    }

    @Test func batchViewGolden() throws {
        var s = Fixtures.state(width: 100, height: 30)
        let set = EventImport.parse(Self.ndjson(count: 40, renamed: 3, badLine: 13), name: "export.ndjson")
        _ = update(&s, .fileImported(path: "/tmp/export.ndjson", result: .success(set)))
        s.importedBatch?.sendStates[1] = .accepted
        s.importedBatch?.sendStates[5] = .rejected(reason: "400 bad")
        _ = Fixtures.key(&s, .down, .down)
        try Golden.check(render(s), "batch-view-100x30")
    }
}
