import Foundation
import Testing
import ThriveCore

/// `--profile` on the command line, and the rule that a key alone never sends anything live.
@Suite("Profiles on the command line")
struct ProfileCLITests {
    let h = try! HistoryCLITests()

    private func config(_ text: String) throws -> String {
        let path = h.folder.appendingPathComponent("config.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// `history show ID --json`: the full entry (the list's `--json` keys are a fixed contract without the profile).
    private func shown(_ row: JSONValue) throws -> JSONValue {
        guard case .string(let id)? = row["id"] else { throw CocoaError(.coderValueNotFound) }
        let r = try h.run(["history", "show", id, "--history", h.history, "--json"])
        return try JSONParser.parse(r.stdout)
    }

    @Test func aKeyAloneSendsToTheSandboxAndSaysSo() throws {
        let r = try h.run(["send", "--template", "signed_up", "--no-history"], key: HistoryCLITests.key)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("HTTP 200"), "answered by the embedded sandbox: \(r.stdout)")
        #expect(r.stderr.contains("is not used: sending to the sandbox"), "\(r.stderr)")
        let dry = try h.run(["send", "--template", "signed_up", "--dry-run"], key: HistoryCLITests.key)
        #expect(!dry.stdout.contains("api.app.thrivestack.ai"), "\(dry.stdout)")
    }

    @Test func aProfileChoosesTargetAuthAndKeyAndTheHistoryRecordsIt() throws {
        try h.withSandbox { port in
            let cfg = try config("""
            profiles:
              staging:
                target: http://127.0.0.1:\(port)/api
                auth: bearer
                key_command: "echo stg-cmd-key-1234567890"
            """)
            let dry = try h.run(["send", "--template", "signed_up", "--profile", "staging", "--config", cfg, "--dry-run"])
            #expect(dry.stdout.contains("POST http://127.0.0.1:\(port)/api/track"), "\(dry.stdout)")
            #expect(dry.stdout.contains("Authorization: Bearer ••••"), "\(dry.stdout)")
            #expect(!dry.stdout.contains("stg-cmd-key-1234567890"))
            let r = try h.run(["send", "--template", "signed_up", "--profile", "staging", "--config", cfg, "--history", h.history])
            #expect(r.status == 0, "\(r.stderr)")
            let row = try #require(try h.listed().first)
            #expect(row["target"] == .string("CUSTOM 127.0.0.1:\(port)"))
            #expect(try shown(row)["profile"] == .string("staging"))
            let bytes = try Data(contentsOf: URL(fileURLWithPath: h.history))
            #expect(bytes.range(of: Data("stg-cmd-key-1234567890".utf8)) == nil, "the profile's key never reaches the history")
        }
    }

    @Test func badProfilesAreOneClearLine() throws {
        let cfg = try config("profiles:\n  prod:\n    target: live\n    key_env: PROD_KEY\n  typo:\n    target: liv\n")
        let r = try h.run(["send", "--template", "signed_up", "--profile", "prod", "--config", cfg])
        #expect(r.status == 1)
        #expect(r.stderr.contains("\(cfg): line 6: profile typo: target must be sandbox, live or an http(s) base URL, not \"liv\""), "\(r.stderr)")
        let good = try config("profiles:\n  prod:\n    target: live\n    key_env: PROD_KEY\n")
        let unknown = try h.run(["send", "--template", "signed_up", "--profile", "stage", "--config", good])
        #expect(unknown.stderr.contains("no profile \"stage\" in \(good) (profiles: prod)"), "\(unknown.stderr)")
        let noKey = try h.run(["send", "--template", "signed_up", "--profile", "prod", "--config", good, "--dry-run"])
        #expect(noKey.stderr.contains("profile prod: the environment variable PROD_KEY is not set"), "\(noKey.stderr)")
        #expect(noKey.status == 1)
    }

    @Test func replayTakesAProfileToo() throws {
        try h.withSandbox { port in
            let cfg = try config("profiles:\n  staging:\n    target: http://127.0.0.1:\(port)/api\n    key_env: STG\n")
            let events = h.folder.appendingPathComponent("e.ndjson").path
            try #"{"event_name":"signed_up","user_id":"u_1","properties":{"user_email":"a@b.co"},"timestamp":"2026-11-28T10:00:00Z"}"#
                .write(toFile: events, atomically: true, encoding: .utf8)
            let r = try BuiltBinary.run(["replay", events, "--profile", "staging", "--config", cfg, "--history", h.history],
                                        environment: ["STG": "stg-env-key-1234567890", "XDG_STATE_HOME": h.folder.path])
            #expect(r.status == 0, "\(r.stdout)\n\(r.stderr)")
            #expect(try shown(try #require(try h.listed().first))["profile"] == .string("staging"))
        }
    }
}
