import Foundation
import Testing
import ThriveCore
@testable import ThriveConfig

/// Where the key comes from, which source wins, and how the target is chosen: rules a person relies on.
@Suite("Settings: key sources and targets")
struct SettingsTests {
    private func keyFile(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("key-\(UUID().uuidString)")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func theEnvironmentKeyIsUsed() throws {
        let s = try Settings.resolve(.init(), config: AppConfig(), environment: ["THRIVESTACK_API_KEY": " env-key-1234567890 \n"])
        #expect(s.apiKey == APIKey(value: "env-key-1234567890", source: "THRIVESTACK_API_KEY"))
    }

    @Test func aKeyFileFlagBeatsTheEnvironmentWhichBeatsTheConfigFile() throws {
        let flagFile = try keyFile("flag-key-1234567890\n"), configFile = try keyFile("config-key-1234567890")
        let config = AppConfig(apiKeyFile: configFile)
        let env = ["THRIVESTACK_API_KEY": "env-key-1234567890"]
        #expect(try Settings.resolve(.init(apiKeyFile: flagFile), config: config, environment: env).apiKey?.value == "flag-key-1234567890")
        #expect(try Settings.resolve(.init(), config: config, environment: env).apiKey?.value == "env-key-1234567890")
        #expect(try Settings.resolve(.init(), config: config, environment: [:]).apiKey?.value == "config-key-1234567890")
        #expect(try Settings.resolve(.init(), config: config, environment: [:]).apiKey?.source == "api_key_file in config.yaml")
    }

    @Test func anEmptyOrMissingKeyFileIsAnError() throws {
        let empty = try keyFile("  \n")
        #expect(throws: ConfigError("the API key file \(empty) is empty")) { try Settings.resolve(.init(apiKeyFile: empty), config: AppConfig(), environment: [:]) }
        #expect(throws: ConfigError.self) { try Settings.resolve(.init(apiKeyFile: "/nonexistent/key"), config: AppConfig(), environment: [:]) }
    }

    @Test func aKeyInTheConfigFileIsRefused() {
        #expect(throws: ConfigError("config.yaml: line 1: keep the key out of config.yaml; use api_key_file or THRIVESTACK_API_KEY")) {
            try AppConfig.parse("api_key: sk_live_123")
        }
    }

    @Test func withoutAKeyTheSandboxIsTheTarget() throws {
        let s = try Settings.resolve(.init(), config: AppConfig(), environment: [:])
        #expect(s.target == .sandbox(port: nil))
        #expect(s.destination.apiKey == nil)
    }

    @Test func liveNeedsAKey() {
        #expect(throws: ConfigError("--live needs an API key: set THRIVESTACK_API_KEY or pass --api-key-file PATH")) {
            try Settings.resolve(.init(live: true), config: AppConfig(), environment: [:])
        }
    }

    @Test func onlyOneTargetFlag() {
        #expect(throws: ConfigError("choose one of --sandbox, --live and --base-url")) {
            try Settings.resolve(.init(sandbox: true, live: true), config: AppConfig(), environment: [:])
        }
    }

    @Test func theSandboxNeverCarriesTheRealKey() throws {
        let s = try Settings.resolve(.init(sandbox: true), config: AppConfig(), environment: ["THRIVESTACK_API_KEY": "env-key-1234567890"])
        #expect(s.target == .sandbox(port: nil))
        #expect(s.destination.apiKey == nil)
        var d = s.destination
        d.target = .sandbox(port: 1234)
        #expect(d.builder?.build(endpoint: .track, body: .array([])).header("x-api-key") == Destination.sandboxKey)
    }

    @Test func aBaseURLIsACustomTargetAndABadOneIsRefused() throws {
        let s = try Settings.resolve(.init(baseURL: "http://localhost:8080/api"), config: AppConfig(), environment: [:])
        #expect(s.target == .custom(URL(string: "http://localhost:8080/api")!))
        #expect(throws: ConfigError.self) { try Settings.resolve(.init(baseURL: "ftp://x"), config: AppConfig(), environment: [:]) }
    }

    @Test func bearerAuthFromTheFlagOrTheConfig() throws {
        #expect(try Settings.resolve(.init(bearer: true), config: AppConfig(), environment: [:]).auth == .bearer)
        #expect(try Settings.resolve(.init(), config: AppConfig.parse("auth: bearer"), environment: [:]).auth == .bearer)
        #expect(try Settings.resolve(.init(), config: AppConfig(), environment: [:]).auth == .apiKey)
    }

    @Test func unknownSettingsNameTheLine() {
        #expect(throws: ConfigError("config.yaml: line 2: unknown setting \"colour\" (known: target, base_url, auth, theme, api_key_file, history, profiles)")) {
            try AppConfig.parse("theme: light\ncolour: red")
        }
    }
}

@Suite("Theme file errors")
struct ThemeErrorTests {
    private func problems(_ yaml: String) -> [String] {
        if case .problems(let p) = ThemeParser.parse(yaml: yaml, source: "t.yaml", defaultName: "t") { return p }
        return []
    }

    @Test func badYAMLNamesTheLine() {
        #expect(problems("name: x\nroles:\n  text: [unclosed\n").first?.hasPrefix("t.yaml: line") == true)
    }

    /// Attributes read as YAML 1.1 booleans (yes/on/true), and a quoted value is text, not a boolean.
    @Test func attributesAreYAMLBooleans() throws {
        guard case .theme(let theme) = ThemeParser.parse(yaml: "roles:\n  text: {color: red, bold: yes, underline: On, dim: off}\n",
                                                         source: "t.yaml", defaultName: "t") else {
            Issue.record("yes, On and off are booleans"); return
        }
        #expect(theme.palette[.text].attributes == [.bold, .underline])
        #expect(problems("roles:\n  text: {color: red, bold: \"true\"}\n").contains { $0.contains("bold must be true or false") })
        #expect(problems("roles:\n  text: {color: red, bold: maybe}\n").contains { $0.contains("bold must be true or false") })
    }

    @Test func anIndexOutOfRange() {
        #expect(problems("roles:\n  text: 300\n").contains { $0.contains("colour index 300 is out of range (0-255)") })
    }

    @Test func aBadHexColour() {
        #expect(problems("roles:\n  text: \"#12345\"\n").contains { $0.contains("bad hex colour \"#12345\"") })
    }

    @Test func anUnknownRoleOrColourName() {
        #expect(!problems("roles:\n  txet: red\n").isEmpty)
        #expect(problems("roles:\n  text: purpel\n").contains { $0.contains("line 2") && $0.contains("purpel") })
    }

    @Test func anOversizedFileIsNotRead() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try String(repeating: "# padding\n", count: 30_000).write(to: dir.appendingPathComponent("huge.yaml"), atomically: true, encoding: .utf8)
        let set = ThemeLoader.load(themeDir: dir.path, environment: ["HOME": "/nonexistent"], executablePath: nil, currentDirectory: "/")
        #expect(set.problems.contains { $0.contains("huge.yaml: too large for a theme file") })
    }

    @Test func aMissingThemeDirAndAnUnreadableFileAreReported() throws {
        let set = ThemeLoader.load(themeDir: "/nonexistent/themes", environment: ["HOME": "/nonexistent"], executablePath: nil, currentDirectory: "/")
        #expect(set.problems.contains("--theme-dir /nonexistent/themes: no such folder"))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data([0xFF, 0xFE, 0x00]).write(to: dir.appendingPathComponent("binary.yaml"))
        let loaded = ThemeLoader.load(themeDir: dir.path, environment: ["HOME": "/nonexistent"], executablePath: nil, currentDirectory: "/")
        #expect(loaded.problems.contains { $0.hasSuffix("binary.yaml: not UTF-8 text") }, "\(loaded.problems)")
    }

    @Test func theThemeDirComesFirstInTheSearchOrder() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "name: light\nroles:\n  text: red\n".write(to: dir.appendingPathComponent("light.yaml"), atomically: true, encoding: .utf8)
        let dirs = ThemeLoader.searchDirectories(themeDir: dir.path, environment: ["XDG_CONFIG_HOME": "/xdg"], executablePath: nil, currentDirectory: "/cwd")
        #expect(Array(dirs.prefix(3)) == [dir.path, "/xdg/thrive-inspector/themes", "/cwd/themes"])
        let set = ThemeLoader.load(themeDir: dir.path, environment: ["HOME": "/nonexistent"], executablePath: nil, currentDirectory: "/")
        #expect(set.named("light")?.origin == dir.appendingPathComponent("light.yaml").path, "--theme-dir shadows the shipped light theme")
    }
}
