import Foundation
import TerminalScreen
import Testing
import ThriveCore
@testable import ThriveUI

/// `p` and the LIVE question: where sends go is always the person's choice, and LIVE asks before anything leaves.
@Suite("Profiles and sending to LIVE")
struct ProfileSwitchTests {
    static let live = Destination(target: .live, apiKey: "sk_live_profile_1234567890")

    private func withProfiles() -> AppState {
        var s = Fixtures.state(width: 100, height: 30)
        s.sandboxPort = 54321
        s.profiles = [ProfileChoice(name: "staging", summary: "CUSTOM 127.0.0.1:8787"),
                      ProfileChoice(name: "prod", summary: "LIVE api.app.thrivestack.ai"),
                      ProfileChoice(name: "sandbox", summary: "SANDBOX", builtIn: true)]
        return s
    }

    private func sent(_ effects: [Effect]) -> APIRequest? {
        for case .send(_, let r) in effects { return r }
        return nil
    }

    @Test func pListsTheProfilesAndEnterAsksTheRuntimeToReadTheChosenOne() throws {
        var s = withProfiles()
        #expect(Fixtures.key(&s, .char("p")).isEmpty)
        guard case .choices(let list)? = s.overlay else { Issue.record("no profile list"); return }
        #expect(list.items.map(\.label) == ["staging", "prod", "sandbox"])
        #expect(list.selectedItem?.id == "sandbox", "the one in use is selected")
        #expect(list.items[2].detail.contains("(in use)"))
        #expect(Fixtures.key(&s, .up, .enter) == [.resolveProfile("prod")])
        #expect(s.overlay == nil)
        #expect(s.destination.isSandbox, "nothing changes until the profile is read")
    }

    @Test func aResolvedProfileSwitchesTheTargetTheTitleAndTheHistory() throws {
        var s = withProfiles()
        _ = Fixtures.key(&s, .char("p"), .up, .up, .enter)
        _ = update(&s, .profileResolved(name: "staging", .success(Destination(target: .custom(URL(string: "http://127.0.0.1:8787/api")!),
                                                                               auth: .bearer, apiKey: "stg-key-123456"))))
        #expect(s.profileName == "staging")
        #expect(render(s).text.contains("CUSTOM 127.0.0.1:8787 · staging"))
        let (id, request) = try Fixtures.send(&s)
        #expect(request.url.absoluteString == "http://127.0.0.1:8787/api/track")
        #expect(request.header("authorization") == "Bearer stg-key-123456")
        _ = update(&s, .sendFinished(id: id, report: Fixtures.report(request, status: 200, body: "{}")))
        #expect(try s.history.store.entry(id: id)?.profile == "staging", "the history records the profile")
    }

    @Test func aProfileThatCannotBeReadKeepsTheCurrentTarget() {
        var s = withProfiles()
        _ = Fixtures.key(&s, .char("p"), .up, .up, .enter)
        _ = update(&s, .profileResolved(name: "staging", .failure(UIError("profile staging: key_command exited with status 1"))))
        #expect(s.destination.target == .sandbox(port: 54321))
        #expect(s.profileName == nil)
        #expect(s.status?.kind == .error)
        #expect(s.status?.text.contains("key_command exited with status 1") == true)
    }

    @Test func switchingBackToTheSandboxUsesItsPort() {
        var s = withProfiles()
        s.destination = Self.live
        s.profileName = "prod"
        _ = Fixtures.key(&s, .char("p"), .down, .enter)
        _ = update(&s, .profileResolved(name: "sandbox", .success(Destination(target: .sandbox(port: nil)))))
        #expect(s.destination.target == .sandbox(port: 54321))
        #expect(s.profileName == nil, "the built-in sandbox is no profile")
        #expect(s.destination.apiKey == nil, "the sandbox never carries a real key")
    }

    @Test func withoutProfilesPSaysWhereToAddThem() {
        var s = Fixtures.state()
        _ = Fixtures.key(&s, .char("p"))
        #expect(s.overlay == nil)
        #expect(s.status?.text.contains("profiles: section") == true)
    }

    @Test func aSendToLiveAsksAndNoSendsNothing() {
        var s = Fixtures.state(width: 100, height: 30)
        s.destination = Self.live
        #expect(Fixtures.key(&s, .ctrl("s")).isEmpty)
        #expect(s.overlay == .question(.sendDraftLive(events: 1), over: nil))
        #expect(render(s).text.contains("Send 1 event to LIVE api.app.thrivestack.ai? (y/N, a: don't ask again this run)"))
        #expect(Fixtures.key(&s, .char("n")).isEmpty)
        #expect(s.inFlight.isEmpty)
        #expect(Fixtures.key(&s, .ctrl("s")).isEmpty, "it asks again")
        #expect(Fixtures.key(&s, .escape).isEmpty, "Esc is no")
        #expect(s.inFlight.isEmpty)
    }

    @Test func yesSendsThisOneAndAsksNextTime() throws {
        var s = Fixtures.state(width: 100, height: 30)
        s.destination = Self.live
        _ = Fixtures.key(&s, .ctrl("s"))
        let request = try #require(sent(Fixtures.key(&s, .char("y"))))
        #expect(request.url.host == "api.app.thrivestack.ai")
        let id = try #require(s.composerSend?.id)
        _ = update(&s, .sendFinished(id: id, report: Fixtures.report(request, status: 200, body: "{}")))
        #expect(Fixtures.key(&s, .ctrl("s")).isEmpty)
        #expect(s.overlay == .question(.sendDraftLive(events: 1), over: nil), "y answers for this send only")
    }

    @Test func aSendsAndStopsAskingForTheRestOfTheRun() throws {
        var s = Fixtures.state(width: 100, height: 30)
        s.destination = Self.live
        _ = Fixtures.key(&s, .ctrl("s"))
        let request = try #require(sent(Fixtures.key(&s, .char("a"))))
        let id = try #require(s.composerSend?.id)
        _ = update(&s, .sendFinished(id: id, report: Fixtures.report(request, status: 200, body: "{}")))
        #expect(sent(Fixtures.key(&s, .ctrl("s"))) != nil, "no question after a")
    }

    @Test func aAnswersOnlyLiveQuestions() {
        var s = Fixtures.state()
        s.overlay = .question(.cancelReplay, over: nil)
        #expect(Fixtures.key(&s, .char("a")).isEmpty)
        #expect(s.overlay == .question(.cancelReplay, over: nil), "a is not an answer to other questions")
    }

    @Test func theSandboxAndCustomTargetsNeverAsk() throws {
        var s = Fixtures.state()
        _ = try Fixtures.send(&s)
        var c = Fixtures.state()
        c.destination = Destination(target: .custom(URL(string: "http://127.0.0.1:8787/api")!), apiKey: "k")
        _ = try Fixtures.send(&c)
    }

    @Test func errorsAreConfirmedBeforeTheLiveQuestion() throws {
        var s = Fixtures.state(width: 100, height: 30)
        s.destination = Self.live
        s.composer.set(nil, at: JSONPointer(["user_id"]))
        #expect(s.composer.errorCount > 0)
        _ = Fixtures.key(&s, .ctrl("s"))
        guard case .confirmSend? = s.overlay else { Issue.record("errors are asked about first: \(String(describing: s.overlay))"); return }
        _ = Fixtures.key(&s, .char("y"))
        #expect(s.overlay == .question(.sendDraftLive(events: 1), over: nil))
        #expect(sent(Fixtures.key(&s, .char("y"))) != nil)
    }

    @Test func sandboxReadyDoesNotMoveALiveTarget() {
        var s = Fixtures.state()
        s.destination = Self.live
        _ = update(&s, .sandboxReady(port: 40000, faults: nil))
        #expect(s.destination == Self.live)
        #expect(s.sandboxPort == 40000)
    }
}
