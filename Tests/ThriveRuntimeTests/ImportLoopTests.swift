import Foundation
import TerminalScreen
import Testing
import ThriveUI

/// `o` through the real loop: the runner lists the folder for Tab and reads the file with the import reader.
@Suite("Opening a file through the loop")
struct ImportLoopTests {
    @Test func tabCompletesAndEnterLoadsTheFileAsABatch() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("thrive-open-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let lines = (1...3).map { #"{"event_name": "app_opened", "user_id": "loop-user-\#($0)"}"# } + ["{not json"]
        try (lines.joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent("export.ndjson"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("exports"), withIntermediateDirectories: true)

        let app = LoopHarness(size: Size(width: 120, height: 40))
        await app.waitForScreen(containing: "sandbox ready")
        app.backend.type("o")
        await app.waitForScreen(containing: "Open file:")
        app.backend.type(folder.path + "/exp")
        app.backend.press(.tab)
        await app.waitForScreen(containing: "Open file: \(folder.path)/export ")
        app.backend.press(.tab)
        await app.waitForScreen(containing: "2 choices: export.ndjson  exports/")
        app.backend.type(".")
        app.backend.press(.tab)
        await app.waitForScreen(containing: "Open file: \(folder.path)/export.ndjson")
        app.backend.press(.enter)
        let screen = await app.waitForScreen(containing: "Batch: export.ndjson · 3 events")
        #expect(screen.contains("loop-user-2"))
        #expect(screen.contains("1 · line 1"))
        app.backend.press(.escape)
        await app.waitForScreen(containing: "1 line set aside (line 4: ")
        await app.quit()
    }
}
