import Foundation
import TerminalScreen
import Testing
import ThriveCore
import ThriveUI

/// `s` in the batch view through the real loop: the runner replays the imported set with the replay engine
/// against a real sandbox, and the answers fill the batch view's send states.
@Suite("Replaying a batch through the loop")
struct ReplayLoopTests {
    @Test func sSendsEachEventExactlyOnceAndTheRowsSayAccepted() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("thrive-replay-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let users = (1...5).map { "replay-user-\($0)" }
        let lines = users.map { #"{"event_name": "app_opened", "user_id": "\#($0)"}"# }
        let file = folder.appendingPathComponent("replay.ndjson")
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)

        let app = LoopHarness(size: Size(width: 120, height: 40))
        await app.waitForScreen(containing: "sandbox ready")
        app.backend.type("o")
        await app.waitForScreen(containing: "Open file:")
        app.backend.type(file.path)
        app.backend.press(.enter)
        await app.waitForScreen(containing: "Batch: replay.ndjson · 5 events")
        app.backend.type("s")
        // The final message turns the bar back into a rule; every row then says accepted.
        await app.waitForScreen("five accepted rows and the replay over") { screen in
            screen.components(separatedBy: "accepted").count - 1 >= 5 && !screen.contains("queued") && !screen.contains("ETA")
        }
        app.backend.press(.escape)
        await app.waitForScreen(containing: "replayed 5 events: 5 accepted, 0 rejected, 0 skipped as already accepted")
        let received = app.sandbox.receivedEvents().compactMap { $0.event["user_id"]?.stringValue }
        #expect(received.sorted() == users, "each event exactly once")
        #expect(try app.history.count(matching: HistoryQuery()) >= 1, "the engine recorded its requests in the history")

        // Again: the history says the sandbox accepted them all, so nothing is sent twice.
        app.backend.type("b")
        await app.waitForScreen(containing: "Batch: replay.ndjson · 5 events")
        app.backend.type("s")
        await app.waitForScreen("five skipped rows") { $0.components(separatedBy: "skipped (").count - 1 >= 5 && !$0.contains("ETA") }
        app.backend.press(.escape)
        await app.waitForScreen(containing: "replayed 5 events: 0 accepted, 0 rejected, 5 skipped as already accepted")
        #expect(app.sandbox.receivedEvents().count == 5)
        await app.quit()
    }
}
