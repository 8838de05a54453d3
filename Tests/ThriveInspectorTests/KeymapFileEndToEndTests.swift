import Foundation
import Testing

/// keys.yaml read by the real binary in tmux: a good rebinding is in force and shown in help, a bad line
/// is reported at start-up with the file and line, and its action keeps the standard keys.
@Suite("Keymap file in tmux", .serialized)
struct KeymapFileEndToEndTests {
    @Test func aRebindingShowsInHelpAndABadLineIsReportedAtStartUp() throws {
        // A private config folder with only keys.yaml; later assignments win with env(1), so this one is used.
        let config = FileManager.default.temporaryDirectory.appendingPathComponent("tk-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: config) }
        let keys = config.appendingPathComponent("thrive-inspector/keys.yaml")
        try FileManager.default.createDirectory(at: keys.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "# rebound for the test\nsend: [ctrl-s, f6]\nquit: [ctrl-q, hyper-q]\n".write(to: keys, atomically: true, encoding: .utf8)

        let t = try TmuxSession(width: 160, height: 40, environment: ["XDG_CONFIG_HOME": config.path])
        try t.waitFor(text: "SANDBOX 127.0.0.1:")
        let screen = try t.waitFor(text: "keys.yaml: line 3: unknown key name \"hyper-q\"")
        #expect(screen.contains { $0.contains(keys.path + ": line 3") }, "the status line names the whole file")
        #expect(screen.contains { $0.contains("^S/F6 send") }, "the footer shows the new keys")

        try t.send("?")
        try t.waitFor("help with the rebound send") { rows in rows.contains { $0.contains("^S/F6") && $0.contains("send the request") } }
        try t.escape()

        // quit's line was skipped, so q still quits.
        try t.send("q")
        #expect(try t.waitForExit().status == 0)
    }
}
