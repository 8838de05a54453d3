import Foundation
import Testing
import ThriveCore
@testable import ThriveConfig

/// The `profiles:` shape of config.yaml, key sources, and the rule that nothing goes live without a choice.
@Suite("Profiles and choosing live")
struct ProfileTests {
    static let shape = """
    target: sandbox
    profiles:
      staging:
        target: http://127.0.0.1:8787/api   # sandbox | live | a base URL
        auth: x-api-key                      # x-api-key | bearer
        key_env: STAGING_KEY                 # or key_file: PATH, or key_command: "pass show thrivestack/staging"
      prod:
        target: live
        auth: bearer
        key_command: "echo  prod-key-1234567890  "
      local:
        target: sandbox
    """

    @Test func theDocumentedShapeParses() throws {
        let c = try AppConfig.parse(Self.shape, path: "/cfg/config.yaml")
        #expect(c.profiles.map(\.name) == ["staging", "prod", "local"], "the file's order")
        #expect(c.profiles[0] == Profile(name: "staging", target: .custom(URL(string: "http://127.0.0.1:8787/api")!), auth: .apiKey,
                                         key: .environment("STAGING_KEY"), line: 3))
        #expect(c.profiles[1].target == .live)
        #expect(c.profiles[1].key == .command("echo  prod-key-1234567890"))
        #expect(c.profiles[2].target == .sandbox(port: nil))
    }

    @Test(arguments: [
        ("profiles:\n  s:\n    target: ftp://x\n", "/c.yaml: line 3: profile s: target must be sandbox, live or an http(s) base URL, not \"ftp://x\""),
        ("profiles:\n  s:\n    target: live\n    colour: red\n", "/c.yaml: line 4: profile s: unknown setting \"colour\" (known: target, auth, key_env, key_file, key_command)"),
        ("profiles:\n  s:\n    auth: bearer\n", "/c.yaml: line 2: profile s needs a target: sandbox, live or a base URL"),
        ("profiles:\n  s:\n    target: live\n    key_env: A\n    key_file: /k\n", "/c.yaml: line 5: profile s: use one of key_env, key_file and key_command, not several"),
        ("profiles:\n  s:\n    target: live\n    api_key: sk_live\n", "/c.yaml: line 4: profile s: keep the key out of config.yaml; use key_env, key_file or key_command"),
        ("profiles:\n  s:\n    target: live\n    auth: basic\n", "/c.yaml: line 4: profile s: auth must be x-api-key or bearer, not \"basic\""),
        ("profiles: staging\n", "/c.yaml: line 1: profiles must be a map of names to settings, e.g. staging: {target: live}"),
        ("profiles:\n  \"bad name\":\n    target: live\n", "/c.yaml: line 2: profile name \"bad name\" may use only letters, digits, '.', '_' and '-'"),
    ])
    func aBadProfileNamesTheFileAndLine(text: String, message: String) {
        #expect(throws: ConfigError(message)) { try AppConfig.parse(text, path: "/c.yaml") }
    }

    @Test func keySourcesAreReadWhenTheProfileIsUsed() throws {
        let c = try AppConfig.parse(Self.shape, path: "config.yaml")
        let staging = try Settings.resolve(.init(profile: "staging"), config: c, environment: ["STAGING_KEY": " stg-key-1234567890\n"])
        #expect(staging.target == .custom(URL(string: "http://127.0.0.1:8787/api")!))
        #expect(staging.apiKey?.value == "stg-key-1234567890")
        #expect(staging.profile == "staging")
        let prod = try Settings.resolve(.init(profile: "prod"), config: c, environment: [:])
        #expect(prod.target == .live)
        #expect(prod.auth == .bearer)
        #expect(prod.apiKey == APIKey(value: "prod-key-1234567890", source: "key_command of profile prod"))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("profile-key-\(UUID().uuidString)")
        try "file-key-1234567890\n".write(to: file, atomically: true, encoding: .utf8)
        let fromFile = try Settings.resolve(profile: Profile(name: "f", target: .live, key: .file(file.path)), config: AppConfig(), environment: [:])
        #expect(fromFile.apiKey?.value == "file-key-1234567890")
    }

    @Test func keySourceFailuresSayWhichProfileAndWhy() {
        #expect(throws: ConfigError("profile staging: the environment variable STAGING_KEY is not set")) {
            try Settings.resolve(profile: Profile(name: "staging", target: .live, key: .environment("STAGING_KEY")), config: AppConfig(), environment: [:])
        }
        #expect(throws: ConfigError("profile p: key_command exited with status 3: locked")) {
            try Settings.resolve(profile: Profile(name: "p", target: .live, key: .command("echo locked >&2; exit 3")), config: AppConfig(), environment: [:])
        }
        #expect(throws: ConfigError("profile p: key_command printed no key")) {
            try Settings.resolve(profile: Profile(name: "p", target: .live, key: .command("true")), config: AppConfig(), environment: [:])
        }
    }

    @Test func aSandboxProfileNeverRunsItsKeySource() throws {
        let s = try Settings.resolve(profile: Profile(name: "p", target: .sandbox(port: nil), key: .command("exit 9")), config: AppConfig(), environment: [:])
        #expect(s.apiKey == nil)
        #expect(s.destination.isSandbox)
    }

    @Test func anUnknownProfileListsTheKnownOnes() throws {
        let c = try AppConfig.parse(Self.shape, path: "/cfg/config.yaml")
        #expect(throws: ConfigError("no profile \"stage\" in /cfg/config.yaml (profiles: staging, prod, local)")) {
            try Settings.resolve(.init(profile: "stage"), config: c, environment: [:])
        }
        #expect(throws: ConfigError("no profile \"x\": /c.yaml has no profiles: section")) {
            try Settings.resolve(.init(profile: "x"), config: AppConfig(path: "/c.yaml"), environment: [:])
        }
        #expect(throws: ConfigError("--profile prod already chooses the target; leave out --sandbox, --live and --base-url")) {
            try Settings.resolve(.init(live: true, profile: "prod"), config: c, environment: [:])
        }
    }

    @Test func aLiveProfileWithoutAKeyIsRefused() throws {
        let c = try AppConfig.parse("profiles:\n  prod:\n    target: live\n", path: "/c.yaml")
        #expect(throws: ConfigError("profile prod targets LIVE but has no key: add key_env, key_file or key_command (/c.yaml: line 2)")) {
            try Settings.resolve(.init(profile: "prod"), config: c, environment: [:])
        }
        // Without a key source of its own, a live profile takes the usual key.
        #expect(try Settings.resolve(.init(profile: "prod"), config: c, environment: ["THRIVESTACK_API_KEY": "env-key-1234567890"]).apiKey?.value
                == "env-key-1234567890")
    }

    @Test func aKeyAloneNeverSelectsLive() throws {
        let s = try Settings.resolve(.init(), config: AppConfig(), environment: ["THRIVESTACK_API_KEY": "env-key-1234567890"])
        #expect(s.target == .sandbox(port: nil))
        #expect(s.destination.apiKey == nil)
        #expect(s.notes == ["the API key from THRIVESTACK_API_KEY is not used: sending to the sandbox (choose live with --live, target: live or a profile)"])
        // A base_url in the config is where live goes once chosen, not a choice by itself.
        let withBase = try Settings.resolve(.init(), config: AppConfig(baseURL: URL(string: "https://staging.example/api")!),
                                            environment: ["THRIVESTACK_API_KEY": "env-key-1234567890"])
        #expect(withBase.target == .sandbox(port: nil))
    }

    @Test func liveIsChosenByTheFlagOrTheConfig() throws {
        let env = ["THRIVESTACK_API_KEY": "env-key-1234567890"]
        #expect(try Settings.resolve(.init(live: true), config: AppConfig(), environment: env).target == .live)
        let config = try AppConfig.parse("target: live")
        #expect(try Settings.resolve(.init(), config: config, environment: env).target == .live)
        #expect(try Settings.resolve(.init(), config: config, environment: env).notes.isEmpty)
        #expect(try Settings.resolve(.init(sandbox: true), config: config, environment: env).target == .sandbox(port: nil), "the flag wins")
    }
}
