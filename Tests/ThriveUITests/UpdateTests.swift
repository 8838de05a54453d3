import Foundation
import TerminalScreen
import Testing
import ThriveCore

@testable import ThriveUI

@Suite("Update: form editor, raw mode, sending, history")
struct UpdateTests {
    func focusForm(_ s: inout AppState, template: String = "signed_up") {
        let i = s.picker.visible.firstIndex { $0.name == template }!
        s.picker.select(i)
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
        guard case .send(let id, let request)? = effects.first else { throw Fixtures.SendMissing(effects: effects) }
        #expect(effects.last == .startTimer(.spinner, after: 0.1))
        #expect(request.url.absoluteString == "http://127.0.0.1:54321/api/track")
        #expect(s.composerSend?.id == id)
        #expect(Fixtures.key(&s, .ctrl("s")).isEmpty, "one request at a time")
        #expect(update(&s, .timer(.spinner)) == [.startTimer(.spinner, after: 0.1)])
        #expect(Fixtures.key(&s, .escape) == [.cancelSend(id: id)])
        #expect(update(&s, .sendFinished(id: id, report: Fixtures.failure(request, .cancelled))) == [.cancelTimer(.spinner)])
        #expect(s.inFlight.isEmpty)
        #expect((try s.history.store.entries())[0].status == .failed(kind: "cancelled", message: "cancelled"))
        #expect(update(&s, .timer(.spinner)).isEmpty, "no timers while idle")
    }

    @Test func historyKeepsNoSecrets() throws {
        var s = Fixtures.state()
        s.destination = Destination(target: .live, apiKey: "sk_live_supersecretvalue")
        _ = Fixtures.key(&s, .ctrl("s"))
        #expect(Fixtures.key(&s, .char("y")).contains { if case .send = $0 { return true }; return false }, "LIVE asks first")
        let e = try #require(try s.history.store.entries().first)
        #expect(!e.requestHeaders.map(\.value).joined().contains("supersecret"))
    }

    @Test func historyFollowsUnlessScrolledBack() throws {
        var s = Fixtures.state()
        for _ in 0..<20 {
            let (id, r) = try Fixtures.send(&s)
            _ = update(&s, .sendFinished(id: id, report: Fixtures.report(r, status: 200, body: "{}")))
        }
        #expect(s.history.selection == 19 && s.history.follow)
        s.focus = .history
        _ = Fixtures.key(&s, .pageUp)
        #expect(!s.history.follow)
        let selected = s.history.selection
        let (id, r) = try Fixtures.send(&s)
        _ = update(&s, .sendFinished(id: id, report: Fixtures.report(r, status: 200, body: "{}")))
        #expect(s.history.selection == selected, "a new row must not yank a user who scrolled back")
        _ = Fixtures.key(&s, .end)
        #expect(s.history.follow && s.history.selection == 20)
        _ = Fixtures.key(&s, .home)
        #expect(s.history.selection == 0 && s.history.scroll.offset == 0)
        _ = update(&s, .terminal(.mouse(MouseEvent(.wheelDown, at: Point(x: 10, y: 20)))))
        #expect(s.history.scroll.offset == 3)
    }

    @Test func replayLoadsTheEntryIntoTheComposer() throws {
        var s = Fixtures.state()
        focusForm(&s, template: "group")
        let (id, r) = try Fixtures.send(&s)
        _ = update(&s, .sendFinished(id: id, report: Fixtures.report(r, status: 200, body: "{}")))
        focusForm(&s, template: "signed_in")
        s.focus = .history
        _ = Fixtures.key(&s, .enter)
        guard case .detail(let shown, let o)? = s.overlay else { Issue.record("no details"); return }
        #expect(shown == id && o.scroll.offset == 0)
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
        s.picker.select(s.picker.visible.firstIndex { $0.name == "group" }!)
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
        var p = PickerState(catalogue: .builtIn())
        p.setFilter("t")
        let names = p.visible.map(\.name)
        #expect(names.allSatisfy { $0.contains("t") }, "\(names)")
        p.setFilter("invited")
        #expect(p.visible.map(\.name) == ["invite_sent"])
    }

    @Test func scrollingPastTheEndLeavesNoOvershoot() {
        var s = Fixtures.state()
        s.focus = .preview
        _ = Fixtures.key(&s, .end)
        let bottom = s.preview.scroll.offset
        #expect(bottom > 0 && bottom < 100, "End stops at the last page, not at Int.max: \(bottom)")
        _ = Fixtures.key(&s, .pageDown, .down)
        #expect(s.preview.scroll.offset == bottom)
        _ = Fixtures.key(&s, .up)
        #expect(s.preview.scroll.offset == bottom - 1, "one ↑ moves at once")
        _ = Fixtures.key(&s, .char("?"), .pageDown, .pageDown, .pageDown, .pageDown, .up)
        guard case .help(let help)? = s.overlay else { Issue.record("help closed"); return }
        _ = Fixtures.key(&s, .down)
        guard case .help(let after)? = s.overlay else { Issue.record("help closed"); return }
        #expect(after.scroll.offset == help.scroll.offset + 1)
    }

    @Test func clickingAFieldInAScrolledFormSelectsThatField() {
        var s = Fixtures.state()
        focusForm(&s)
        _ = Fixtures.key(&s, .end)   // scrolls the form to its last rows
        let form = s.layout.form
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
        #expect(s.picker.visible.map(\.name) == ["trial_started", "trial_ended"])
        _ = Fixtures.key(&s, .down, .enter)
        #expect(s.composer.template?.name == "trial_ended")
    }

    @Test func endAndHomeWorkInEveryScrollingView() throws {
        var s = Fixtures.state()
        // Details of a long response.
        let (id, r) = try Fixtures.send(&s)
        let long = "[" + (0..<80).map { "{\"n\": \($0)}" }.joined(separator: ",") + "]"
        _ = update(&s, .sendFinished(id: id, report: Fixtures.report(r, status: 200, body: long)))
        s.focus = .history
        _ = Fixtures.key(&s, .enter, .end)
        guard case .detail(_, let end)? = s.overlay else { Issue.record("no details"); return }
        #expect(end.scroll.offset > 0 && end.scroll.isAtBottom, "End goes to the last page of the details")
        _ = Fixtures.key(&s, .char("g"))
        guard case .detail(_, let top)? = s.overlay else { Issue.record("no details"); return }
        #expect(top.scroll.offset == 0)
        _ = Fixtures.key(&s, .char("G"), .char("q"))
        #expect(s.overlay == nil, "q closes the details")
        // The form and the template list.
        s.focus = .form
        _ = Fixtures.key(&s, .char("G"))
        #expect(s.composer.selection == s.composer.rows.count - 1)
        _ = Fixtures.key(&s, .home)
        #expect(s.composer.selection == 0)
        s.focus = .templates
        _ = Fixtures.key(&s, .end)
        #expect(s.picker.selection == s.picker.visible.count - 1)
    }

    @Test func updateIsPure() throws {
        // The same state and the same keys give the same ids, times and body, run after run.
        func run() throws -> (JSONValue, [UUID]) {
            var s = Fixtures.state()
            _ = Fixtures.key(&s, .enter, .char("u"))
            var ids: [UUID] = []
            for _ in 0..<3 {
                let (id, r) = try Fixtures.send(&s)
                ids.append(id)
                _ = update(&s, .sendFinished(id: id, report: Fixtures.report(r, status: 200, body: "{}")))
            }
            return (s.composer.body, ids)
        }
        let (a, b) = (try run(), try run())
        #expect(a.0 == b.0 && a.1 == b.1 && Set(a.1).count == 3)
    }

    @Test func theFutureTimestampCheckUsesTheStatesClock() {
        var s = Fixtures.state()
        focusForm(&s)
        let inAnHour = Timestamp.format(Fixtures.now.addingTimeInterval(3_600))
        s.composer.set(.string(inAnHour), at: JSONPointer(["timestamp"]))
        #expect(s.composer.findings.contains { $0.code == .futureTimestamp }, "an hour after the state's clock is the future")
        s.now = Fixtures.now.addingTimeInterval(7_200)
        s.composer.set(.string(inAnHour), at: JSONPointer(["timestamp"]))
        #expect(!s.composer.findings.contains { $0.code == .futureTimestamp }, "with the clock moved on it is the past")
    }

    @Test func aBatchRechecksOnlyTheEventThatChanged() throws {
        var s = Fixtures.state(width: 120, height: 40)
        let events = (0..<50).map { k in #"{"event_name":"signed_up","user_id":"u\#(k)","properties":{"user_email":"a@b.co","user_name":"A"}}"# }
        s.composer.load(body: try JSONParser.parse("[" + events.joined(separator: ",") + "]"), endpoint: .track)
        s.focus = .form
        _ = update(&s, .terminal(.key(.char("]"))))
        let before = s.composer.eventRevisions
        select(&s, "user_id")
        _ = Fixtures.key(&s, .enter, .ctrl("u"))
        Fixtures.type(&s, "")
        _ = Fixtures.key(&s, .enter)
        let changed = zip(before, s.composer.eventRevisions).enumerated().filter { $0.element.0 != $0.element.1 }.map(\.offset)
        #expect(changed == [1], "only event 2 was printed and checked again")
        #expect(s.composer.findings.contains { $0.path == JSONPointer(["1", "user_id"]) && $0.code == .missingRequired })
        #expect(s.composer.errorCount == 1)
        #expect(s.preview.byteCount == s.composer.body.compactByteCount, "the size shown is the size sent")
        let text = (0..<s.preview.lineCount).map { s.preview.line($0).map(\.text).joined() }.joined(separator: "\n")
        let body = text.components(separatedBy: "\n\n").dropFirst().joined(separator: "\n\n")
        #expect(try JSONParser.parse(body) == s.composer.body, "the preview's lines are the body, pretty-printed")
    }
}

@Suite("Overlay and global keys")
struct OverlayKeyTests {
    @Test func escapeClosesTheSendConfirmationWithoutSending() throws {
        var s = Fixtures.state()
        s.composer.set(nil, at: JSONPointer(["user_id"]))
        #expect(Fixtures.key(&s, .ctrl("s")).isEmpty)
        guard case .confirmSend? = s.overlay else { Issue.record("no confirmation"); return }
        #expect(Fixtures.key(&s, .escape).isEmpty)
        #expect(s.overlay == nil && s.history.count == 0 && s.status?.text == "not sent")
        _ = Fixtures.key(&s, .ctrl("s"))
        #expect(Fixtures.key(&s, .char("x")).isEmpty)
        #expect(s.overlay != nil, "other keys leave the question up")
    }

    @Test func qInTheDetailsClosesThemAndDoesNotQuit() throws {
        var s = Fixtures.state()
        let (id, r) = try Fixtures.send(&s)
        _ = update(&s, .sendFinished(id: id, report: Fixtures.report(r, status: 200, body: "{}")))
        s.focus = .history
        _ = Fixtures.key(&s, .enter)
        #expect(Fixtures.key(&s, .char("q")).isEmpty, "no quit effect")
        #expect(s.overlay == nil)
        _ = Fixtures.key(&s, .enter)
        #expect(Fixtures.key(&s, .ctrl("c")) == [.quit], "^C still quits from anywhere")
    }

    @Test func tChangesTheThemeThroughAnEffect() {
        var s = Fixtures.state()
        #expect(Fixtures.key(&s, .char("t")) == [.setTheme("light"), .rememberTheme("light")], "and it is kept for the next start")
        #expect(s.themeName == "light")
        #expect(Fixtures.key(&s, .char("t")) == [.setTheme("default-dark"), .rememberTheme("default-dark")], "it cycles")
    }

    @Test func anyOtherKeyClosesHelpButNavigationScrollsIt() {
        var s = Fixtures.state()
        _ = Fixtures.key(&s, .char("?"), .down)
        guard case .help? = s.overlay else { Issue.record("help closed on ↓"); return }
        _ = Fixtures.key(&s, .char("x"))
        #expect(s.overlay == nil)
        _ = Fixtures.key(&s, .char("?"))
        #expect(Fixtures.key(&s, .char("q")).isEmpty && s.overlay == nil, "q closes help, it does not quit")
    }

    @Test func theDiscardQuestionKeepsTheDraftOnNoAndOnEscape() {
        var s = Fixtures.state()
        s.composer.set(.string("Bob"), at: JSONPointer(dotted: "properties.user_name"))
        s.focus = .templates
        _ = Fixtures.key(&s, .down, .enter)
        #expect(s.overlay == .confirmDiscard(.template(name: "signed_in")))
        _ = Fixtures.key(&s, .escape)
        #expect(s.overlay == nil && s.composer.event[pointer: JSONPointer(dotted: "properties.user_name")] == .string("Bob"))
    }
}
