import Foundation
import Testing
@testable import ThriveConfig

/// config.yaml's `history:` key: `off` or a path, and a clear error naming the file and line otherwise.
@Suite("Config: history")
struct HistorySettingTests {
    @Test func offAndAPathAreRead() throws {
        #expect(try AppConfig.parse("history: off").history == .off)
        #expect(try AppConfig.parse("history: OFF").history == .off)
        #expect(try AppConfig.parse("history: ~/h.sqlite").history == .file("~/h.sqlite"))
        #expect(try AppConfig.parse("theme: light\nhistory: \"/data/my history.sqlite\"").history == .file("/data/my history.sqlite"))
        #expect(try AppConfig.parse("history: \"no\"").history == .file("no"), "quoted, it is a file name")
        #expect(try AppConfig.parse("theme: light").history == nil)
    }

    @Test(arguments: [
        ("history: yes", "config.yaml: line 1: history must be off or the path of a history file, not \"yes\""),
        ("theme: x\nhistory: false", "config.yaml: line 2: history must be off or the path of a history file, not \"false\""),
        ("history:", "config.yaml: line 1: history needs a value: off, or the path of a history file"),
        ("history: [a, b]", "config.yaml: line 1: history must be off or the path of a history file, not a list or map"),
    ])
    func aBadValueNamesFileAndLine(yaml: String, message: String) {
        #expect(throws: ConfigError(message)) { try AppConfig.parse(yaml) }
    }

    @Test func aBadValueInTheFileNamesItsPath() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cfg-\(UUID().uuidString).yaml")
        try "auth: bearer\nhistory: on\n".write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: ConfigError("\(url.path): line 2: history must be off or the path of a history file, not \"on\"")) {
            try AppConfig.load(from: url)
        }
    }

    @Test func pathsResolveAgainstHomeAndTheConfigFolder() {
        let config = "/etc/ti/config.yaml"
        #expect(HistorySetting.file("~/s/h.sqlite").resolvedPath(configPath: config, home: "/home/jo") == "/home/jo/s/h.sqlite")
        #expect(HistorySetting.file("/abs/h.sqlite").resolvedPath(configPath: config, home: "/home/jo") == "/abs/h.sqlite")
        #expect(HistorySetting.file("data/h.sqlite").resolvedPath(configPath: config, home: "/home/jo") == "/etc/ti/data/h.sqlite")
        #expect(HistorySetting.off.resolvedPath(configPath: config, home: "/home/jo") == nil)
    }
}
