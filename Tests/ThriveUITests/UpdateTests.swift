import Foundation
import TerminalScreen
import Testing
import ThriveCore
import ThriveNet
@testable import ThriveUI

@Suite("Update: form editor, raw mode, sending, history")
struct UpdateTests {
    func focusForm(_ s: inout AppState, template: String = "signed_up") {
        let i = s.picker.visible(in: s.catalogue).firstIndex { $0.name == template }!
        s.picker.selection = i
        s.focus = .templates
        _ = Fixtures.key(&s, .enter)
        #expect(s.focus == .form)
        #expect(s.composer.template?.name == template)
    }

    func select(_ s: inout AppState, _ dotted: String) {
        s.composer.selection = s.composer.rows.firstIndex { $0.path == JSONPointer(dotted: dotted) }!
    }

    @Test func editingAFieldUpdatesBodyAndFindings() {
        var s = Fixtures.state()
        focusForm(&s)
        select(&s, "properties.user_email")
        _ = Fixtures.key(&s, .enter, .ctrl("u"))
        Fixtures.type(&s, "jo@acme.com")
        #expect(s.composer.edit != nil)
        _ = Fixtures.key(&s, .enter)
        #expect(s.composer.edit == nil)
        #expect(s.composer.event[pointer: JSONPointer(dotted: "properties.user_email")] == .string("jo@acme.com"))
        #expect(s.composer.findings.isEmpty)
    }

    @Test func qTypesWhileEditingAndQuitsOtherwise() {
        var s = Fixtures.state()
        focusForm(&s)
        _ = Fixtures.key(&s, .enter)
        #expect(Fixtures.key(&s, .char("q")).isEmpty)
        #expect(s.composer.edit?.line.text.hasSuffix("q") == true)
        _ = Fixtures.key(&s, .escape)
        #expect(Fixtures.key(&s, .char("q")) == [.quit])
    }

    @Test func badNumberIsRefusedAndTheTextKept() {
        var s = Fixtures.state()
        focusForm(&s, template: "group")
        s.composer.set(.int(10), at: JSONPointer(dotted: "traits.employees"))
        select(&s, "traits.employees")
        _ = Fixtures.key(&s, .enter, .ctrl("u"))
        Fixtures.type(&s, "12x")
        _ = Fixtures.key(&s, .enter)
        #expect(s.composer.edit?.line.text == "12x")
        #expect(s.status?.kind == .error)
        #expect(s.composer.event[pointer: JSONPointer(dotted: "traits.employees")] == .int(10))
        _ = Fixtures.key(&s, .backspace, .enter)
        #expect(s.composer.event[pointer: JSONPointer(dotted: "traits.employees")] == .int(12))
    }

    @Test func booleansToggleEnumsCycleDatesTakeNowIdsTakeUUIDs() {
        var s = Fixtures.state()
        focusForm(&s, template: "account_added_user")
        s.composer.set(.bool(false), at: JSONPointer(dotted: "properties.is_first_user"))
        select(&s, "properties.is_first_user")
        _ = Fixtures.key(&s, .char(" "))
        #expect(s.composer.event[pointer: JSONPointer(dotted: "properties.is_first_user")] == .bool(true))
        s.composer.set(.string("invite"), at: JSONPointer(dotted: "properties.join_method"))
        select(&s, "properties.join_method")
        _ = Fixtures.key(&s, .right)
        #expect(s.composer.event[pointer: JSONPointer(dotted: "properties.join_method")] == .string("sso"))
        select(&s, "timestamp")
        s.composer.set(.string("x"), at: JSONPointer(["timestamp"]))
        _ = Fixtures.key(&s, .char("n"))
        #expect(s.composer.event["timestamp"] == .string(Timestamp.format(Fixtures.now)))
        select(&s, "user_id")
        let before = s.composer.event["user_id"]
        _ = Fixtures.key(&s, .char("u"))
        #expect(s.composer.event["user_id"] != before)
    }

    @Test func addAndRemoveCustomProperties() {
        var s = Fixtures.state()
        focusForm(&s)
        _ = Fixtures.key(&s, .char("a"))
        Fixtures.type(&s, "seats")
        _ = Fixtures.key(&s, .tab, .enter) // type: number
        Fixtures.type(&s, "5")
        _ = Fixtures.key(&s, .enter)
        #expect(s.composer.event[pointer: JSONPointer(dotted: "properties.seats")] == .int(5))
        #expect(s.composer.findings.map(\.code) == [.unplannedProperty])
        _ = Fixtures.key(&s, .char("d"))
        #expect(s.composer.event[pointer: JSONPointer(dotted: "properties.seats")] == nil)
        #expect(s.composer.findings.isEmpty)
    }

    @Test func fixKeyAppliesTheSuggestedFix() throws {
        var s = Fixtures.state()
        s.composer.load(body: try JSONParser.parse(#"[{"event":"signed_up","user_id":"u","properties":{"email":"a@b.c","name":"A"}}]"#), endpoint: .track)
        s.focus = .form
        select(&s, "event")
        _ = Fixtures.key(&s, .char("f"))
        #expect(s.composer.event["event_name"] == .string("signed_up"))
        #expect(s.composer.findings.isEmpty)
    }

    @Test func rawModeNeverLosesTheDraft() {
        var s = Fixtures.state()
        focusForm(&s)
        _ = Fixtures.key(&s, .function(2))
        #expect(s.composer.mode == .raw)
        let good = s.composer.body
        _ = update(&s, .terminal(.paste("garbage")))
        #expect(s.composer.rawError != nil)
        #expect(s.composer.raw.text.contains("garbage"))
        #expect(s.composer.body == good)
        _ = Fixtures.key(&s, .function(2))
        #expect(s.composer.mode == .raw, "leaving raw mode with a parse error must keep the text")
        #expect(s.status?.text.contains("line") == true)
        #expect(Fixtures.key(&s, .ctrl("s")).isEmpty)
        for _ in 0..<7 { _ = Fixtures.key(&s, .backspace) }
        #expect(s.composer.rawError == nil)
        _ = Fixtures.key(&s, .function(2))
        #expect(s.composer.mode == .form)
    }

    @Test func sendingWithErrorsAsksFirst() {
        var s = Fixtures.state()
        focusForm(&s)
        s.composer.set(nil, at: JSONPointer(["user_id"]))
        #expect(Fixtures.key(&s, .ctrl("s")).isEmpty)
        guard case .confirmSend(let errors)? = s.overlay else { Issue.record("no confirmation"); return }
        #expect(errors.first?.contains("user_id") == true)
        #expect(Fixtures.key(&s, .char("n")).isEmpty)
        #expect(s.overlay == nil && s.history.count == 0)
        _ = Fixtures.key(&s, .ctrl("s"))
        let effects = Fixtures.key(&s, .char("y"))
        #expect(effects.count == 2)
        #expect(s.history.count == 1)
    }

    @Test func sendFlowAndCancel() throws {
        var s = Fixtures.state()
        let effects = Fixtures.key(&s, .function(5))
        guard case .send(let id, let request)? = effects.first else { Issue.record("no send"); return }
        #expect(request.url.absoluteString == "http://127.0.0.1:54321/api/track")
        #expect(s.inFlight?.id == id)
        #expect(Fixtures.key(&s, .ctrl("s")).isEmpty, "one request at a time")
        #expect(update(&s, .tick(Fixtures.now)) == [.tick(after: 0.1)])
        #expect(Fixtures.key(&s, .escape) == [.cancelSend(id: id)])
        _ = update(&s, .sendFinished(id: id, report: Fixtures.failure(request, .cancelled)))
        #expect(s.inFlight == nil)
        #expect(s.history.store.entries[0].status == .failed(kind: "cancelled", message: "cancelled"))
        #expect(update(&s, .tick(Fixtures.now)).isEmpty, "no timers while idle")
    }

    @Test func historyKeepsNoSecrets() {
        var s = Fixtures.state()
        s.target = TargetState(kind: .live, apiKey: "sk_live_supersecretvalue")
        _ = Fixtures.key(&s, .ctrl("s"))
        let e = s.history.store.entries[0]
        #expect(!e.requestHeaders.map(\.value).joined().contains("supersecret"))
    }

    @Test func historyFollowsUnlessScrolledBack() {
        var s = Fixtures.state()
        for _ in 0..<20 {
            guard case .send(let id, let r)? = Fixtures.key(&s, .ctrl("s")).first else { return }
            _ = update(&s, .sendFinished(id: id, report: Fixtures.report(r, status: 200, body: "{}")))
        }
        #expect(s.history.selection == 19 && s.history.follow)
        s.focus = .history
        _ = Fixtures.key(&s, .pageUp)
        #expect(!s.history.follow)
        let selected = s.history.selection
        guard case .send(let id, let r)? = Fixtures.key(&s, .ctrl("s")).first else { return }
        _ = update(&s, .sendFinished(id: id, report: Fixtures.report(r, status: 200, body: "{}")))
        #expect(s.history.selection == selected, "a new row must not yank a user who scrolled back")
        _ = Fixtures.key(&s, .end)
        #expect(s.history.follow && s.history.selection == 20)
        _ = Fixtures.key(&s, .home)
        #expect(s.history.selection == 0 && s.history.offset == 0)
        _ = update(&s, .terminal(.mouse(MouseEvent(.wheelDown, at: Point(x: 10, y: 20)))))
        #expect(s.history.offset == 3)
    }

    @Test func replayLoadsTheEntryIntoTheComposer() throws {
        var s = Fixtures.state()
        focusForm(&s, template: "group")
        guard case .send(let id, let r)? = Fixtures.key(&s, .ctrl("s")).first else { return }
        _ = update(&s, .sendFinished(id: id, report: Fixtures.report(r, status: 200, body: "{}")))
        focusForm(&s, template: "signed_in")
        s.focus = .history
        _ = Fixtures.key(&s, .enter)
        #expect(s.overlay == .detail(id: id, scroll: 0))
        _ = Fixtures.key(&s, .escape, .char("r"))
        #expect(s.focus == .form)
        #expect(s.composer.endpoint == .group)
        #expect(s.composer.body == r.body)
    }

    @Test func replacingAnEditedDraftAsksFirst() {
        var s = Fixtures.state()
        focusForm(&s)
        select(&s, "properties.user_name")
        _ = Fixtures.key(&s, .enter, .ctrl("u"))
        Fixtures.type(&s, "Bob")
        _ = Fixtures.key(&s, .enter)
        s.focus = .templates
        s.picker.selection = s.picker.visible(in: s.catalogue).firstIndex { $0.name == "group" }!
        _ = Fixtures.key(&s, .enter)
        #expect(s.overlay == .confirmDiscard(.template(name: "group")))
        _ = Fixtures.key(&s, .char("n"))
        #expect(s.overlay == nil)
        #expect(s.composer.event[pointer: JSONPointer(dotted: "properties.user_name")] == .string("Bob"), "n keeps the draft")
        _ = Fixtures.key(&s, .enter, .char("y"))
        #expect(s.composer.endpoint == .group && !s.composer.isEdited, "y loads the template")
    }

    @Test func brokenRawTextIsNotDroppedSilently() {
        var s = Fixtures.state()
        focusForm(&s)
        _ = Fixtures.key(&s, .function(2))
        Fixtures.type(&s, "x")
        s.focus = .templates
        _ = Fixtures.key(&s, .enter)
        #expect(s.overlay == .confirmDiscard(.template(name: "signed_up")))
        _ = Fixtures.key(&s, .escape)
        #expect(s.composer.raw.text.hasPrefix("x["), "the raw text is still there")
    }

    @Test func theCursorFollowsAFieldWhoseRowMoves() {
        var s = Fixtures.state()
        focusForm(&s)
        select(&s, "context.source")
        _ = Fixtures.key(&s, .char(" "))
        #expect(s.composer.selectedRow?.path == JSONPointer(dotted: "context.source"))
        _ = Fixtures.key(&s, .char(" "))
        #expect(s.composer.event[pointer: JSONPointer(dotted: "context.source")] == .string("marketing"), "the second Space cycles the same field")
    }

    @Test func thePreviewFollowsEveryKeystroke() {
        var s = Fixtures.state(width: 120, height: 40)
        focusForm(&s)
        select(&s, "properties.user_name")
        _ = Fixtures.key(&s, .enter, .ctrl("u"))
        Fixtures.type(&s, "Zoë")
        #expect(render(s).text.contains(#""user_name": "Zoë""#), "typed text shows before Enter")
        #expect(s.composer.event[pointer: JSONPointer(dotted: "properties.user_name")] == .string("Jane Doe"), "not committed yet")
    }

    @Test func newPropertiesGoWhereTheCursorIs() {
        var s = Fixtures.state()
        focusForm(&s)
        select(&s, "context.group_id")
        _ = Fixtures.key(&s, .char("a"))
        Fixtures.type(&s, "locale")
        _ = Fixtures.key(&s, .enter, .ctrl("u"))
        Fixtures.type(&s, "en-GB")
        _ = Fixtures.key(&s, .enter)
        #expect(s.composer.event[pointer: JSONPointer(dotted: "context.locale")] == .string("en-GB"))
        select(&s, "properties.user_email")
        #expect(s.composer.defaultContainer == "properties")
    }

    @Test func filterPrefersNames() {
        var p = PickerState()
        p.filter = "t"
        let names = p.visible(in: .builtIn()).map(\.name)
        #expect(names.allSatisfy { $0.contains("t") }, "\(names)")
        p.filter = "invited"
        #expect(p.visible(in: .builtIn()).map(\.name) == ["invite_sent"])
    }

    @Test func scrollingPastTheEndLeavesNoOvershoot() {
        var s = Fixtures.state()
        s.focus = .preview
        _ = Fixtures.key(&s, .end)
        let bottom = s.composer.previewScroll
        #expect(bottom > 0 && bottom < 100, "End stops at the last page, not at Int.max: \(bottom)")
        _ = Fixtures.key(&s, .pageDown, .down)
        #expect(s.composer.previewScroll == bottom)
        _ = Fixtures.key(&s, .up)
        #expect(s.composer.previewScroll == bottom - 1, "one ↑ moves at once")
        _ = Fixtures.key(&s, .char("?"), .pageDown, .pageDown, .pageDown, .pageDown, .up)
        guard case .help(let scroll)? = s.overlay else { Issue.record("help closed"); return }
        _ = Fixtures.key(&s, .down)
        #expect(s.overlay == .help(scroll: scroll + 1))
    }

    @Test func clickingAFieldInAScrolledFormSelectsThatField() {
        var s = Fixtures.state()
        focusForm(&s)
        _ = Fixtures.key(&s, .end)   // scrolls the form to its last rows
        let form = Layout(size: s.size).form
        let shown = render(s).line(form.y + 1)   // the first field row on screen, before the click
        _ = update(&s, .terminal(.mouse(MouseEvent(.press, at: Point(x: form.x + 3, y: form.y + 1)))))
        let label = s.composer.selectedRow?.label ?? "?"
        #expect(s.composer.selection > 0, "the form was scrolled, so the top row on screen is not row 0")
        #expect(shown.contains(" " + label + " "), "the clicked row is the one that was under the mouse: \(shown) vs \(label)")
        #expect(render(s).line(form.y + 1).contains(" " + label + " "), "the view does not jump when a visible row is clicked")
    }

    @Test func pickerFilters() {
        var s = Fixtures.state()
        _ = Fixtures.key(&s, .char("/"))
        Fixtures.type(&s, "trial")
        #expect(s.picker.visible(in: s.catalogue).map(\.name) == ["trial_started", "trial_ended"])
        _ = Fixtures.key(&s, .down, .enter)
        #expect(s.composer.template?.name == "trial_ended")
    }

    @Test func helpIsGeneratedFromTheKeyTable() {
        let text = HelpOverlay.lines().map(\.0).joined(separator: "\n")
        for b in Keymap.bindings { #expect(text.contains(b.help)) }
    }
}
