import Foundation
import Testing

/// The entry point (`Launcher`) parks the main thread in `sigsuspend` instead of `dispatch_main`, so nothing drains
/// the main queue: work sent to it, or to the main actor, would wait forever without a sound. This keeps it unused.
@Suite struct MainQueueTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")

    @Test func nothingWaitsForTheMainQueue() throws {
        let patterns = ["@MainActor", "MainActor.run", "MainActor.assumeIsolated", "DispatchQueue.main", "RunLoop.main",
                        "OperationQueue.main", "dispatchMain("]
        var found: [String] = []
        let files = FileManager.default.enumerator(at: Self.sources, includingPropertiesForKeys: nil)
        while let file = files?.nextObject() as? URL {
            // The bench runs its own programs; nothing of it is in the inspector.
            guard file.pathExtension == "swift", !file.path.contains("/ThriveBench/") else { continue }
            let text = try String(contentsOf: file, encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
                for pattern in patterns where line.contains(pattern) {
                    found.append("\(file.lastPathComponent):\(number + 1): \(pattern)")
                }
            }
        }
        #expect(found.isEmpty, "the main queue is never drained (see Launcher): \(found)")
        #expect(FileManager.default.fileExists(atPath: Self.sources.appendingPathComponent("ThriveInspector/ThriveInspector.swift").path))
    }
}
