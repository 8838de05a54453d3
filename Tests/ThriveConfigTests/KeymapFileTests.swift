import Foundation
import Testing
import ThriveCore
@testable import ThriveConfig

/// keys.yaml as read from disk: entries with their lines, and problems that say where, before any key
/// name is checked (the UI does that).
@Suite("Keymap file")
struct KeymapFileTests {
    @Test func entriesKeepTheirKeysAndLines() {
        let file = KeymapFile.parse("""
            # my keys
            send: [ctrl-s, f6]
            quit: ctrl-q
            help:
              - "?"
              - F1
            """, path: "keys.yaml")
        #expect(file.problems.isEmpty, "\(file.problems)")
        #expect(file.overrides == [
            KeyOverride(action: "send", keys: ["ctrl-s", "f6"], line: 2),
            KeyOverride(action: "quit", keys: ["ctrl-q"], line: 3),
            KeyOverride(action: "help", keys: ["?", "F1"], line: 4),
        ])
    }

    @Test func valuesThatAreNotKeysAreProblemsWithLinesAndTheRestStays() {
        let file = KeymapFile.parse("""
            send: [ctrl-s, f6]
            quit:
            help: {key: f1}
            top: [g, [home]]
            bottom: G
            """, path: "/cfg/keys.yaml")
        #expect(file.overrides.map(\.action) == ["send", "bottom"])
        #expect(file.problems.count == 3, "\(file.problems)")
        #expect(file.problems.contains { $0.hasPrefix("/cfg/keys.yaml: line 2: quit:") })
        #expect(file.problems.contains { $0.hasPrefix("/cfg/keys.yaml: line 3: help:") && $0.contains("not a map") })
        #expect(file.problems.contains { $0.hasPrefix("/cfg/keys.yaml: line 4: top:") })
        // An unquoted `?` starts a YAML mapping key: the message says to quote it.
        let unquoted = KeymapFile.parse("help: [?, f1]\n", path: "keys.yaml")
        #expect(unquoted.overrides.isEmpty && unquoted.problems.first?.contains("quote punctuation") == true, "\(unquoted.problems)")
    }

    @Test func brokenYAMLAndAListAtTheTopAreProblems() {
        let broken = KeymapFile.parse("send: [ctrl-s, f6\nquit: q\n", path: "keys.yaml")
        #expect(broken.overrides.isEmpty)
        #expect(broken.problems.count == 1)
        #expect(broken.problems.first?.hasPrefix("keys.yaml: line ") == true && broken.problems.first?.contains("not valid YAML") == true,
                "\(broken.problems)")
        let list = KeymapFile.parse("- send\n- quit\n", path: "keys.yaml")
        #expect(list.problems == ["keys.yaml: line 1: expected action: keys pairs (send: [ctrl-s, f6])"])
        let twice = KeymapFile.parse("send: f6\nquit: ctrl-q\nsend: f7\n", path: "keys.yaml")
        #expect(twice.problems.count == 1 && twice.problems[0].hasPrefix("keys.yaml: line "), "\(twice.problems)")
    }

    @Test func anEmptyFileOrAMissingOneIsNoOverridesAndNoProblem() {
        #expect(KeymapFile.parse("", path: "keys.yaml") == KeymapFile())
        #expect(KeymapFile.parse("# nothing yet\n", path: "keys.yaml") == KeymapFile())
        let missing = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)/keys.yaml")
        #expect(KeymapFile.load(from: missing) == KeymapFile())
    }

    @Test func theFileIsReadFromTheConfigFolderAndNamedAsShown() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("keymap-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = KeymapFile.defaultPath(environment: ["XDG_CONFIG_HOME": dir.path])
        #expect(url.path == dir.path + "/thrive-inspector/keys.yaml")
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "send: f6\nquit: [ctrl-q, {a: b}]\n".write(to: url, atomically: true, encoding: .utf8)
        let file = KeymapFile.load(from: url, shownPath: "~/keys.yaml")
        #expect(file.overrides == [KeyOverride(action: "send", keys: ["f6"], line: 1)])
        #expect(file.problems.count == 1 && file.problems[0].hasPrefix("~/keys.yaml: line 2: quit:"), "\(file.problems)")
    }

    @Test func anOversizedOrFolderPathIsReportedNotRead() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("keymap-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        #expect(KeymapFile.load(from: dir).problems == ["\(dir.path) is a folder, not a keymap file"])
        let big = dir.appendingPathComponent("keys.yaml")
        try String(repeating: "# padding\n", count: YAMLLimits.maxFileBytes / 10 + 10).write(to: big, atomically: true, encoding: .utf8)
        let file = KeymapFile.load(from: big)
        #expect(file.overrides.isEmpty && file.problems.count == 1 && file.problems[0].contains("are not read"), "\(file.problems)")
    }
}
