import Foundation
import TerminalScreen
import Testing
import ThriveCore

@testable import ThriveUI

/// The history pane over a store: paging a window of rows, rows that can be told apart, `/` search, and a store
/// that fails without taking the program down.
@Suite struct HistoryPaneTests {
    /// `n` finished entries, oldest first, one minute apart: names cycle, users are `u_<k>`, every 5th is a 429.
    static func store(_ n: Int) -> InMemoryHistoryStore {
        let builder = RequestBuilder(target: .sandbox(port: 54321), apiKey: "k")
        let names = ["signed_up", "signed_in", "feature_used"]
        var entries: [HistoryEntry] = []
        for k in 0..<n {
            let event: JSONValue = .object(["event_name": .string(names[k % 3]), "user_id": .string("u_\(k)"),
                                            "timestamp": .string("2026-09-21T10:00:00Z")])
            let body: JSONValue = k % 10 == 9 ? .array([event, event, event]) : .array([event])
            var e = HistoryEntry(id: UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", k))!,
                                 sentAt: Fixtures.now.addingTimeInterval(Double(k - n) * 60),
                                 request: builder.build(endpoint: .track, body: body), target: "SANDBOX 127.0.0.1:54321")
            let status = k % 5 == 4 ? 429 : 200
            e.status = .answered(status: status)
            e.latency = 0.012
            e.summary = "\(status) in 12 ms"
            entries.append(e)
        }
        return InMemoryHistoryStore(entries: entries)
    }

    static func state(_ store: any HistoryStore, width: Int = 100, height: Int = 30) -> AppState {
        var s = AppState(size: Size(width: width, height: height), catalogue: .builtIn(),
                         destination: Destination(target: .sandbox(port: 54321)), history: store, now: Fixtures.now, ids: .sequential)
        s.status = nil
        s.focus = .history
        return s
    }

    @Test func onlyTheRowsAroundTheViewAreHeld() {
        var s = Self.state(Self.store(10_000))
        #expect(s.history.count == 10_000 && s.history.selection == 9_999 && s.history.follow)
        #expect(s.history.window.count < 100, "the pane holds a window, not the whole history")
        _ = Fixtures.key(&s, .home)
        #expect(s.history.selectedRow?.subject == "u_0")
        _ = Fixtures.key(&s, .pageDown, .pageDown, .down)
        let expected = s.history.scroll.page * 2 + 1
        #expect(s.history.selectedRow?.subject == "u_\(expected)")
        #expect(s.history.window.count < 100)
        _ = Fixtures.key(&s, .end)
        #expect(s.history.selectedRow?.subject == "u_9999" && s.history.follow)
    }

    @Test func rowsShowUserCountAndStatusInWords() {
        let s = Self.state(Self.store(30))
        let screen = render(s).text
        #expect(screen.contains("feature_used ×3"), "a batch shows its event count:\n\(screen)")
        #expect(screen.contains("u_29") && screen.contains("u_28"), "rows show their user id")
        #expect(screen.contains("429 Too Many Requests") && screen.contains("200 OK"))
    }

    @Test func searchFiltersAsYouTypeAndEscClears() {
        var s = Self.state(Self.store(100))
        _ = Fixtures.key(&s, .char("/"))
        #expect(s.keyContext == .historySearch)
        Fixtures.type(&s, "status:429")
        #expect(s.history.count == 100 && s.history.searchPending, "keys stay fast: the query waits for a pause")
        #expect(render(s).text.contains("/ status:429   …"))
        #expect(Fixtures.key(&s, .char(" ")) == [.startTimer(.historySearch, after: searchDelay)])
        _ = update(&s, .timer(.historySearch))
        #expect(s.history.count == 20)
        Fixtures.type(&s, "event:signed_in")
        _ = update(&s, .timer(.historySearch))
        // 429s are k % 5 == 4; signed_in is k % 3 == 1: k ≡ 4 (mod 15) → 7 of 100.
        #expect(s.history.count == 7)
        #expect(render(s).text.contains("7 matches"))
        _ = Fixtures.key(&s, .enter)
        #expect(s.keyContext == .pane(.history) && s.history.count == 7)
        _ = Fixtures.key(&s, .escape)
        #expect(s.history.count == 100 && s.history.searchText.isEmpty)
    }

    @Test func aBadFilterKeepsTheLastGoodListAndSaysWhy() {
        var s = Self.state(Self.store(50))
        _ = Fixtures.key(&s, .char("/"))
        _ = update(&s, .terminal(.paste("user:u_4 status:4y")))
        _ = update(&s, .timer(.historySearch))
        #expect(s.history.count == 50, "the list keeps the last good search while status:4y is wrong")
        #expect(s.history.searchError?.contains("status:4y") == true)
        #expect(render(s).text.contains("is not a status"))
        _ = Fixtures.key(&s, .backspace)
        Fixtures.type(&s, "xx")
        _ = Fixtures.key(&s, .enter)
        #expect(s.history.searchError == nil && s.history.count == 1, "Enter runs the search at once")
        _ = Fixtures.key(&s, .escape)
        #expect(s.history.count == 50 && s.history.searchError == nil)
    }

    @Test func searchFindsFreeTextAndMarksNothingMatching() {
        var s = Self.state(Self.store(40))
        _ = Fixtures.key(&s, .char("/"))
        Fixtures.type(&s, "u_33")
        _ = update(&s, .timer(.historySearch))
        #expect(s.history.count == 1 && s.history.selectedRow?.subject == "u_33")
        Fixtures.type(&s, "x")
        _ = update(&s, .timer(.historySearch))
        #expect(s.history.count == 0)
        #expect(render(s).text.contains("No entry matches"))
    }

    @Test func aSendThatEndsMatchingTheSearchJoinsTheList() throws {
        var s = Self.state(Self.store(10))
        _ = Fixtures.key(&s, .char("/"))
        Fixtures.type(&s, "status:2xx")
        _ = Fixtures.key(&s, .enter)
        #expect(s.history.count == 8)
        s.focus = .templates
        let (id, request) = try Fixtures.send(&s)
        #expect(s.history.count == 8, "in flight, it has no status yet")
        _ = update(&s, .sendFinished(id: id, report: Fixtures.report(request, status: 200, body: "{}")))
        #expect(s.history.count == 9 && s.history.row(8)?.id == id)
    }

    @Test func enterOnABadSearchKeepsTheLineOpen() {
        var s = Self.state(Self.store(10))
        _ = Fixtures.key(&s, .char("/"))
        Fixtures.type(&s, "status:abc")
        _ = Fixtures.key(&s, .enter)
        #expect(s.keyContext == .historySearch, "the words on screen must be the search in force")
        #expect(s.status?.text.contains("status:abc is not a status") == true)
    }

    @Test func searchScreen() throws {
        var s = Self.state(Self.store(60))
        _ = Fixtures.key(&s, .char("/"))
        Fixtures.type(&s, "event:signed_up status:2xx")
        _ = update(&s, .timer(.historySearch))
        try Golden.check(render(s), "history-search-100x30")
    }

    @Test func aStoreThatFailsIsShownNotFatal() throws {
        var s = Self.state(FailingStore())
        #expect(render(s).text.contains("history could not be read: disk I/O error"))
        s.focus = .templates
        let (id, request) = try Fixtures.send(&s)
        #expect(s.status?.text.contains("this send is not in the history") == true, "the send goes ahead and says why")
        _ = update(&s, .sendFinished(id: id, report: Fixtures.report(request, status: 200, body: "{}")))
        #expect(s.inFlight.isEmpty)
    }
}

/// A store whose every call fails, as a full disk or a broken file would.
final class FailingStore: HistoryStore {
    struct Failure: Error, CustomStringConvertible { var description: String { "disk I/O error" } }
    func record(_ entry: HistoryEntry) throws { throw Failure() }
    func update(_ entry: HistoryEntry) throws { throw Failure() }
    func count(matching query: HistoryQuery) throws -> Int { throw Failure() }
    func summaries(matching query: HistoryQuery, in range: Range<Int>) throws -> [HistorySummary] { throw Failure() }
    func entry(id: UUID) throws -> HistoryEntry? { throw Failure() }
    func entries(idPrefix: String, limit: Int) throws -> [HistoryEntry] { throw Failure() }
    func forEach(matching query: HistoryQuery, limit: Int?, _ body: (HistoryEntry) throws -> Void) throws { throw Failure() }
    func prune(olderThan: Date?, keepNewest: Int?) throws -> Int { throw Failure() }
    func addSecret(_ secret: String) {}
}
