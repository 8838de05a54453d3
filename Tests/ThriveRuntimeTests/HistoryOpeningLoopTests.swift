import Foundation
import TerminalScreen
import Testing
import ThriveCore
import ThriveRuntime
import ThriveUI

/// The real loop draws its first frame before the history file is open, then fills the pane when it is.
@Suite("History opened after the first frame, through the loop")
struct HistoryOpeningLoopTests {
    /// A history "file" with one old send, that opens when the test opens `gate`.
    static func slowFile(gate: DispatchSemaphore) -> PendingHistoryStore {
        let request = RequestBuilder(target: .sandbox(port: 54321), apiKey: "k")
            .build(endpoint: .track, body: .array([.object(["event_name": .string("signed_in"), "user_id": .string("u_from_file")])]))
        var old = HistoryEntry(id: UUID(), sentAt: Date().addingTimeInterval(-60), request: request, target: "SANDBOX 127.0.0.1:54321")
        old.status = .answered(status: 200)
        old.summary = "200 OK in 12 ms"
        let file = InMemoryHistoryStore(entries: [old])
        return PendingHistoryStore {
            gate.wait()
            return .init(store: file, journal: InMemoryReplayJournal(history: file), warning: nil)
        }
    }

    @Test func theFirstFrameDoesNotWaitForTheHistoryFile() async throws {
        let gate = DispatchSemaphore(value: 0)
        let app = LoopHarness(size: Size(width: 120, height: 40), pending: Self.slowFile(gate: gate))
        let first = await app.waitForScreen("the first frame") { $0.contains("┌ History") && $0.contains("signed_up") }
        #expect(!first.contains("u_from_file"), "the rows are not there before the file is open")
        gate.signal()
        await app.waitForScreen(containing: "u_from_file")
        await app.quit()
    }

    @Test func anExportWaitsForTheWholeFile() async throws {
        let gate = DispatchSemaphore(value: 0)
        let app = LoopHarness(size: Size(width: 120, height: 40), pending: Self.slowFile(gate: gate))
        await app.waitForScreen(containing: "sandbox ready")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString).ndjson").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        app.backend.press(.ctrl("p"))
        app.backend.type("export ndjson")
        app.backend.press(.enter)
        await app.waitForScreen(containing: "thrive-history.ndjson")
        app.backend.press(.ctrl("u"))
        app.backend.type(path)
        app.backend.press(.enter)
        // Time for an export that did not wait to write what it had; one that waits passes however long this is.
        try await Task.sleep(for: .milliseconds(300))
        gate.signal()
        await app.waitForScreen(containing: "wrote the history")
        let written = try String(contentsOfFile: path, encoding: .utf8)
        #expect(written.contains("u_from_file"), "the export holds the file's rows, not only this run's sends")
        await app.quit()
    }
}
