import Foundation
import TerminalScreen
import Testing
import ThriveCore

@testable import ThriveUI

/// The batch view's replay, as pure updates: the key asks for the effect, the runtime's messages fill the bar
/// and the send-state column, and questions come before anything that cannot be taken back.
@Suite("Replaying an imported batch")
struct ReplayUITests {
    /// 40 events (3 with `event` for `event_name`, an error), line 13 unreadable, the batch view open.
    func imported(_ target: Target = .sandbox(port: 54321)) -> AppState {
        var s = Fixtures.state(width: 100, height: 30)
        s.destination = Destination(target: target, apiKey: target == .live ? "live-key" : nil)
        let set = EventImport.parse(ImportTests.ndjson(count: 40, renamed: 3, badLine: 13), name: "export.ndjson")
        _ = update(&s, .fileImported(path: "/tmp/export.ndjson", result: .success(set)))
        return s
    }

    func start(_ s: inout AppState) throws -> (UUID, BatchReplay) {
        let effects = Fixtures.key(&s, .char("s"))
        guard case .startReplay(let id, let replay)? = effects.first else {
            throw Fixtures.SendMissing(effects: effects, status: s.status?.text)
        }
        return (id, replay)
    }

    @Test func sKeyStartsTheReplayWithTheFixedEventsAndQueuesThem() throws {
        var s = imported()
        guard case .batch? = s.overlay else { Issue.record("no batch view"); return }
        // A fix applied in the form reaches the replay: the events are taken from the draft, not the file.
        _ = Fixtures.key(&s, .char("F"))
        let (_, replay) = try start(&s)
        #expect(replay.events.count == 40)
        #expect(replay.events.allSatisfy { $0.event["event_name"] != nil }, "the fix-all is in what is sent")
        #expect(replay.events[12].number == 13 && replay.events[12].position.line == 14, "numbers and lines as imported")
        #expect(replay.invalid.isEmpty)
        #expect(replay.concurrency == 4 && replay.rate == nil && !replay.allowDuplicates)
        #expect(replay.destination.builder?.apiKey == Destination.sandboxKey, "the sandbox gets the sandbox key")
        #expect(s.importedBatch?.sendState(of: 1) == .queued)
        #expect(s.replay?.counts.total == 40)
        #expect(render(s).text.contains("queued"))
        // One replay at a time: a second `s` (or Ctrl-S) sends nothing.
        #expect(Fixtures.key(&s, .ctrl("s")).isEmpty)
        #expect(s.status?.text.contains("already running") == true)
    }

    @Test func eventsWithErrorsAreSentAsInvalid() throws {
        var s = imported()
        let (_, replay) = try start(&s)
        #expect(replay.invalid.keys.sorted() == [1, 2, 3])
        #expect(replay.invalid[1]?.contains("event_name") == true, "\(replay.invalid)")
    }

    @Test func progressAndResultsFillTheBarAndTheColumn() throws {
        var s = imported()
        let (id, _) = try start(&s)
        _ = update(&s, .replayEvents(id: id, [1: .accepted, 2: .rejected(reason: "400 user_id is required"),
                                              3: .skipped(acceptedOn: Fixtures.now)]))
        _ = update(&s, .replayProgress(id: id, ReplayCounts(total: 1_000, accepted: 600, rejected: 2, skipped: 10, left: 388,
                                                               eventsPerSecond: 1_840.4, eta: 11.2)))
        let bar = "[######----] 612/1,000 · accepted 600 · rejected 2 · skipped 10 · left 388 · 1,840 ev/s · ETA 0:12"
        #expect(ReplayText.bar(s.replay!) == bar)
        let text = render(s).text
        // In a 100-column terminal the view's line is the tighter form, rate and ETA still in sight.
        #expect(text.contains("[###---] 612/1,000  accepted 600  rejected 2  skipped 10  left 388  1,840 ev/s  ETA 0:12"))
        #expect(text.contains("rejected: 400"))
        #expect(text.contains("skipped (2026-09-21)"))
        // With the batch view closed the title bar keeps the progress in sight, and other keys still work.
        _ = Fixtures.key(&s, .char("b"))
        #expect(s.overlay == nil)
        #expect(render(s).text.contains("replay 612/1,000 · ETA 0:12"))
        _ = Fixtures.key(&s, .tab)
        #expect(s.focus != .form)
        // An answer for a replay that is not this one is dropped.
        _ = update(&s, .replayEvents(id: UUID(), [4: .accepted]))
        #expect(s.importedBatch?.sendState(of: 4) == .queued)
    }

    @Test func pPausesInTheBatchViewAndCapitalPAnywhere() throws {
        var s = imported()
        let (id, _) = try start(&s)
        #expect(Fixtures.key(&s, .char("p")) == [.pauseReplay(id: id)])
        #expect(ReplayText.bar(s.replay!).contains("paused (p resumes)"))
        _ = Fixtures.key(&s, .char("b"))
        #expect(Fixtures.key(&s, .char("P")) == [.resumeReplay(id: id)], "P works with the batch view closed (p there switches profile)")
        #expect(s.replay?.paused == false)
    }

    @Test func escAsksBeforeCancelling() throws {
        var s = imported()
        let (id, _) = try start(&s)
        #expect(Fixtures.key(&s, .escape).isEmpty)
        guard case .question(.cancelReplay, over: .some)? = s.overlay else { Issue.record("no question: \(String(describing: s.overlay))"); return }
        #expect(Fixtures.key(&s, .char("n")).isEmpty)
        guard case .batch? = s.overlay else { Issue.record("the batch view did not come back"); return }
        _ = Fixtures.key(&s, .escape)
        #expect(Fixtures.key(&s, .char("y")) == [.cancelReplay(id: id)])
        #expect(s.replay?.cancelling == true)
        // With no replay running, Esc just closes the view.
        _ = update(&s, .replayFinished(id: id, ReplayCounts(total: 40, accepted: 10, left: 30, cancelled: true), cancelled: true, failure: nil))
        _ = Fixtures.key(&s, .escape)
        #expect(s.overlay == nil)
    }

    @Test func liveAsksFirst() throws {
        var s = imported(.live)
        #expect(Fixtures.key(&s, .char("s")).isEmpty)
        guard case .question(.sendLive(let n), _)? = s.overlay else { Issue.record("no question"); return }
        #expect(n == 40)
        #expect(render(s).text.contains("Send 40 events to LIVE"))
        #expect(Fixtures.key(&s, .escape).isEmpty, "no is the default")
        #expect(s.replay == nil)
        _ = Fixtures.key(&s, .char("s"))
        let effects = Fixtures.key(&s, .char("y"))
        guard case .startReplay(_, let replay)? = effects.first else { Issue.record("not started: \(effects)"); return }
        #expect(replay.destination.isLive && replay.destination.builder?.apiKey == "live-key")
    }

    @Test func quittingDuringAReplayAsksAndSaysItIsResumable() throws {
        var s = imported()
        let (id, _) = try start(&s)
        #expect(Fixtures.key(&s, .char("q")).isEmpty, "q in the batch view closes it")
        #expect(Fixtures.key(&s, .ctrl("c")).isEmpty)
        #expect(render(s).text.contains("It can be resumed"))
        #expect(Fixtures.key(&s, .char("n")).isEmpty)
        #expect(Fixtures.key(&s, .char("q")).isEmpty)
        #expect(Fixtures.key(&s, .ctrl("c")) == [.quit], "a second Ctrl-C quits")
        _ = update(&s, .replayFinished(id: id, ReplayCounts(total: 40), cancelled: false, failure: nil))
        #expect(Fixtures.key(&s, .char("q")) == [.quit], "nothing running: no question")
    }

    @Test func theEndSummarisesAndReloadsHistory() throws {
        var s = imported()
        let (id, _) = try start(&s)
        let counts = ReplayCounts(total: 1_000, accepted: 988, rejected: 2, skipped: 10)
        _ = update(&s, .replayFinished(id: id, counts, cancelled: false, failure: nil))
        #expect(s.replay == nil)
        #expect(s.status?.text == "replayed 1,000 events: 988 accepted, 2 rejected, 10 skipped as already accepted")
        #expect(ReplayText.summary(ReplayCounts(total: 40, accepted: 12, left: 28), cancelled: true)
            == "replay cancelled after 12 of 40 events: 12 accepted, 0 rejected, 0 skipped as already accepted; 28 not sent (s sends only what is left)")
    }

    @Test func batchViewMidReplayGolden() throws {
        var s = imported()
        let (id, _) = try start(&s)
        _ = update(&s, .replayEvents(id: id, [1: .invalid(reason: "event_name: is required"), 4: .accepted, 5: .accepted,
                                              6: .rejected(reason: "400 bad timestamp"), 7: .skipped(acceptedOn: Fixtures.now)]))
        _ = update(&s, .replayProgress(id: id, ReplayCounts(total: 40, accepted: 2, rejected: 1, skipped: 1, invalid: 1, left: 35,
                                                               eventsPerSecond: 12, eta: 2.9)))
        _ = Fixtures.key(&s, .down, .down)
        try Golden.check(render(s), "batch-replay-100x30")
    }
}
