import Foundation
import ProcessSpawn
import Testing
import ThriveCore
#if canImport(Glibc)
import Glibc
#endif

/// A key alone stays in the sandbox, LIVE asks first, and profiles switch the target (the history says which).
extension SharingEndToEndTests {
    // MARK: - A key alone

    @Test func aKeyAloneNeverSelectsLive() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let key = "e2e-alone-key-0123456789abcd"
        let t = try TmuxSession(width: 160, height: 36, environment: folder.environment(["THRIVESTACK_API_KEY": key]))
        var screen = try t.waitFor("the SANDBOX badge with its port") { rows in
            rows.first.map { $0.contains(/SANDBOX 127\.0\.0\.1:\d+/) } ?? false
        }
        #expect(!screen[0].contains("LIVE"), "the title: \(screen[0])")
        screen = try t.waitFor(text: "the API key from THRIVESTACK_API_KEY is not used: sending to the sandbox")
        #expect(!screen.joined().contains(key), "the key is never drawn")
        // `!` lists the same note among the start-up problems.
        try t.send("!")
        try t.waitFor("the start-up problems listing the unused key") { rows in
            rows.contains { $0.contains("Start-up problems") } && rows.contains { $0.contains("is not used") }
        }
        try t.escape()
        try t.waitFor("the problems closed") { rows in !rows.contains { $0.contains("Start-up problems") } }
        try t.send("q")
        #expect(try t.waitForExit().status == 0)

        // The command line agrees: `send` with only the key goes to the embedded sandbox, which never sees the key.
        let file = folder.root.appendingPathComponent("send.sqlite")
        let r = try BuiltBinary.run(["send", "--template", "signed_up", "--history", file.path],
                                    environment: folder.environment(["THRIVESTACK_API_KEY": key]))
        #expect(r.status == 0, "stdout: \(r.stdout)\nstderr: \(r.stderr)")
        #expect(r.stderr.contains("sending to the embedded sandbox on 127.0.0.1:"), "\(r.stderr)")
        #expect(r.stderr.contains("the API key from THRIVESTACK_API_KEY is not used"), "send says why the key was not used: \(r.stderr)")
        #expect(!r.stderr.contains(key) && !r.stdout.contains(key))
        #expect(r.stdout.hasPrefix("HTTP 200 OK"), "\(r.stdout)")
        #expect(r.stdout.contains("\"eventId\": \"evt_"), "the sandbox's answer: \(r.stdout)")
        let rows = try historyRows(folder, file: file)
        #expect(rows.count == 1)
        let target = try #require(rows.first?["target"]?.stringValue)
        #expect(target.wholeMatch(of: /SANDBOX 127\.0\.0\.1:\d+/) != nil, "history target: \(target)")
        let entry = try historyEntry(folder, file: file, id: try #require(rows.first?["id"]?.stringValue))
        #expect(entry["url"]?.stringValue?.hasPrefix("http://127.0.0.1:") == true, "\(entry)")
        let headers = try #require(entry["request_headers"]?.arrayValue)
        #expect(headers.contains { $0["name"] == .string("x-api-key") && $0["value"] == .string(SecretMask.mask(Destination.sandboxKey)) },
                "the sandbox got its own key, not the real one: \(headers)")
        #expect(!headers.contains { $0["value"] == .string(SecretMask.mask(key)) }, "\(headers)")
    }

    // MARK: - LIVE asks first

    @Test func liveAsksBeforeSending() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let key = "e2e-live-key-0123456789abcd"
        let t = try TmuxSession(["--live"], width: 130, height: 36, environment: folder.environment(["THRIVESTACK_API_KEY": key]))
        try t.waitFor("the LIVE badge") { rows in rows.first?.contains("LIVE api.app.thrivestack.ai") ?? false }
        try t.send("C-s")
        let question = try t.waitFor(text: "Send 1 event to LIVE api.app.thrivestack.ai? (y/N, a: don't ask again this run)")
        #expect(question.contains { $0.contains("n/Esc = no") })
        try t.send("n")
        let screen = try t.waitFor("“not sent” with the question gone") { rows in
            rows.contains { $0.contains("not sent") } && !rows.contains { $0.contains("don't ask again this run") }
        }
        #expect(!screen.contains { $0.contains("sending to") }, "nothing is in flight")
        // Still asking: `n` never turns the question off.
        try t.send("C-s")
        try t.waitFor(text: "don't ask again this run")
        try t.escape()
        try t.waitFor("the question closed") { rows in !rows.contains { $0.contains("don't ask again this run") } }
        try t.send("q")
        #expect(try t.waitForExit().status == 0)

        // Nothing was recorded: a send writes its history row before it leaves.
        if FileManager.default.fileExists(atPath: folder.history.path) {
            #expect(try historyRows(folder, file: folder.history).isEmpty)
        } else {
            let r = try BuiltBinary.run(["history", "--json"], environment: folder.environment())
            #expect(r.stderr.contains("there is no history file"), "\(r.status) \(r.stdout) \(r.stderr)")
        }
    }

    // MARK: - Profiles

    @Test func profileSwitchSendsToTheProfileAndHistoryRecordsIt() throws {
        try withSandbox { port in
            let folder = try Folder()
            defer { folder.remove() }
            let key = "stg-key-1234567890"
            let config = """
            profiles:
              staging:
                target: http://127.0.0.1:\(port)/api
                auth: x-api-key
                key_command: "echo \(key)"

            """
            _ = try folder.write(config, to: "config/thrive-inspector/config.yaml")
            let t = try TmuxSession(width: 130, height: 36, environment: folder.environment())
            try t.waitFor("the sandbox badge") { rows in rows.first.map { $0.contains(/SANDBOX 127\.0\.0\.1:\d+/) } ?? false }
            try t.send("p")
            try t.waitFor("the profile list with the sandbox in use") { rows in
                rows.contains { $0.contains("Switch profile") }
                    && rows.contains { $0.contains("staging") && $0.contains("CUSTOM 127.0.0.1:\(port)") }
                    && rows.contains { $0.contains("▸ sandbox") && $0.contains("(in use)") }
            }
            try t.send("Up")
            try t.waitFor(text: "▸ staging")
            try t.send("Enter")
            try t.waitFor("the title naming the profile") { rows in rows.first?.contains("CUSTOM 127.0.0.1:\(port) · staging") ?? false }
            try t.waitFor(text: "profile staging: sends go to CUSTOM 127.0.0.1:\(port)")
            try t.send("C-s")
            let screen = try t.waitFor("a 200 from the staging server") { rows in rows.contains { $0.contains("200 OK in") } }
            #expect(screen.contains { $0.contains("200 OK") && $0.contains("CUSTOM 127.0.0.1:\(port)") }, "the history row names the target")
            try t.send("q")
            #expect(try t.waitForExit().status == 0)

            // The staging server, not the embedded sandbox, got the event.
            let received = try JSONParser.parse(try cli.curl(["-s", "http://127.0.0.1:\(port)/sandbox/events"])).arrayValue ?? []
            #expect(received.count == 1, "\(received)")

            let rows = try historyRows(folder, file: folder.history)
            #expect(rows.count == 1)
            let row = try #require(rows.first)
            #expect(row["target"] == .string("CUSTOM 127.0.0.1:\(port)"))
            #expect(row["status"] == .int(200))
            let entry = try historyEntry(folder, file: folder.history, id: try #require(row["id"]?.stringValue))
            #expect(entry["profile"] == .string("staging"), "\(entry)")
            #expect(entry["url"] == .string("http://127.0.0.1:\(port)/api/track"))
            let headers = try #require(entry["request_headers"]?.arrayValue)
            #expect(headers.contains { $0["name"] == .string("x-api-key") && $0["value"] == .string(SecretMask.mask(key)) },
                    "the profile's key was sent (masked in the history): \(headers)")

            // The key itself is nowhere in the history's files (the database, its journal and WAL).
            let dir = folder.history.deletingLastPathComponent()
            let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix("history.sqlite") }
            #expect(files.contains("history.sqlite"))
            for name in files {
                let bytes = try Data(contentsOf: dir.appendingPathComponent(name))
                #expect(bytes.range(of: Data(key.utf8)) == nil, "\(name) holds the key")
            }
        }
    }

    // MARK: - Copy as code
}
