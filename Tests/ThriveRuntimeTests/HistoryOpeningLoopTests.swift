import Foundation
import TerminalScreen
import Testing
import ThriveCore
import ThriveRuntime
import ThriveUI

/// The real loop draws its first frame before the history file is open, then fills the pane when it is.
@Suite("History opened after the first frame, through the loop")
struct HistoryOpeningLoopTests {
    @Test func theFirstFrameDoesNotWaitForTheHistoryFile() async throws {
        let request = RequestBuilder(target: .sandbox(port: 54321), apiKey: "k")
            .build(endpoint: .track, body: .array([.object(["event_name": .string("signed_in"), "user_id": .string("u_from_file")])]))
        var old = HistoryEntry(id: UUID(), sentAt: Date().addingTimeInterval(-60), request: request, target: "SANDBOX 127.0.0.1:54321")
        old.status = .answered(status: 200)
        old.summary = "200 OK in 12 ms"
        let file = InMemoryHistoryStore(entries: [old])
        let gate = DispatchSemaphore(value: 0)
        let pending = PendingHistoryStore {
            gate.wait()  // the file takes as long as the test says
            return .init(store: file, journal: InMemoryReplayJournal(history: file), warning: nil)
        }
        let app = LoopHarness(size: Size(width: 120, height: 40), pending: pending)
        let first = await app.waitForScreen("the first frame") { $0.contains("┌ History") && $0.contains("signed_up") }
        #expect(!first.contains("u_from_file"), "the rows are not there before the file is open")
        gate.signal()
        await app.waitForScreen(containing: "u_from_file")
        await app.quit()
    }
}
