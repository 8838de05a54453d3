import Foundation
import TerminalScreen
import Testing
import ThriveCore

@testable import ThriveUI

/// The history file opens after the first frame: the frame shows the pane without rows, and the rows (or the
/// reason history is off) appear when `.historyOpened` arrives.
@Suite("History opened after the first frame")
struct HistoryOpeningTests {
    static func pending(rows: Int, warning: String? = nil) -> PendingHistoryStore {
        let store = HistoryPaneTests.store(rows)
        return PendingHistoryStore { .init(store: store, journal: InMemoryReplayJournal(history: store), warning: warning) }
    }

    @Test func startWaitsForTheHistoryOnlyWhileItOpens() {
        var s = HistoryPaneTests.state(InMemoryHistoryStore())
        #expect(!start(s).contains(.awaitHistory))
        s.historyOpening = true
        #expect(start(s).contains(.awaitHistory))
    }

    @Test func theRowsAppearWhenTheFileIsOpen() async {
        let pending = Self.pending(rows: 3)
        var s = HistoryPaneTests.state(pending)
        s.historyOpening = true
        #expect(s.history.count == 0)
        #expect(!render(s).text.contains("u_2"), "the first frame has no rows yet")
        #expect(await pending.opened() == nil)
        _ = update(&s, .historyOpened(warning: nil))
        #expect(!s.historyOpening)
        #expect(s.history.count == 3)
        #expect(render(s).text.contains("u_2"), "the newest row is in view")
        #expect(s.history.follow, "the pane still follows new rows")
    }

    @Test func aFileThatCannotBeOpenedIsTheFirstStartUpProblem() async {
        let warning = "history is off for this run: /tmp/h.sqlite is not a history file"
        let pending = Self.pending(rows: 0, warning: warning)
        var s = HistoryPaneTests.state(pending)
        s.startupProblems = ["theme \"nope\" not found; using default-dark"]
        s.showStartupProblems()
        _ = await pending.opened()
        _ = update(&s, .historyOpened(warning: warning))
        #expect(s.startupProblems.first == warning)
        #expect(s.status?.text == warning + " (+1 more: ! lists them)")
        #expect(s.status?.kind == .warning)
    }

    @Test func anErrorOnTheStatusLineStaysUp() async {
        let pending = Self.pending(rows: 0, warning: "history is off for this run: disk full")
        var s = HistoryPaneTests.state(pending)
        _ = update(&s, .sandboxFailed("address in use"))
        _ = await pending.opened()
        _ = update(&s, .historyOpened(warning: "history is off for this run: disk full"))
        #expect(s.status?.kind == .error, "the sandbox failure is not hidden")
        #expect(s.startupProblems.first == "history is off for this run: disk full", "! still lists it")
    }
}
