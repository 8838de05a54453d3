import Foundation
import Testing
import ThriveCore
#if canImport(Glibc)
import Glibc
#endif

/// `send` recording into the history and the `history` commands reading it back, through the built binary.
/// Every run names its own history file, so nothing touches the user's, and the tests share nothing.
@Suite("History CLI", .serialized)
struct HistoryCLITests {
    static let key = "hist-key-abcdefgh12345678"
    let cli = CLITests()
    let folder: URL
    var history: String { folder.appendingPathComponent("h.sqlite").path }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("history-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// Runs the binary on this test's history file, with its state folder private too.
    func run(_ arguments: [String], key: String? = nil) throws -> BuiltBinary.Result {
        var env = ["XDG_STATE_HOME": folder.appendingPathComponent("state").path]
        if let key { env["THRIVESTACK_API_KEY"] = key }
        return try BuiltBinary.run(arguments, environment: env)
    }

    /// A standalone sandbox as its own process (see `CLITests.theEnvironmentKeyIsSentToAChosenTarget` for why).
    func withSandbox(_ body: (Int) throws -> Void) throws {
        let (process, out, err) = try cli.launch(["sandbox", "--port", "0"])
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        let banner = try #require(out.waitForLine(), "no banner; stderr: \(err.text)")
        let port = try #require(banner.firstMatch(of: /127\.0\.0\.1:(\d+)\/api/).flatMap { Int($0.1) })
        try body(port)
    }

    /// Sends one `signed_up` for `user` to the sandbox at `port` with the test key, recorded in this test's history
    /// (or, with `recorded: false`, with `--no-history`).
    func send(port: Int, user: String, recorded: Bool = true, set: [String] = []) throws {
        let r = try run(["send", "--template", "signed_up", "--set", "user_id=\(user)", "--set", "properties.user_email=\(user)@acme.com",
                         "--base-url", "http://127.0.0.1:\(port)/api"] + set.flatMap { ["--set", $0] }
                        + (recorded ? ["--history", history] : ["--no-history"]), key: Self.key)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stderr.contains("history is off"), "\(r.stderr)")
    }

    func listed(_ extra: [String] = []) throws -> [JSONValue] {
        let r = try run(["history", "--history", history, "--json"] + extra)
        #expect(r.status == 0, "\(r.stderr)")
        return try #require(try JSONParser.parse(r.stdout).arrayValue, "\(r.stdout)")
    }

    @Test func aSendIsRecordedAndListedWithTheContractKeys() throws {
        try withSandbox { port in
            try send(port: port, user: "u-list")
            let rows = try listed()
            #expect(rows.count == 1)
            let row = try #require(rows.first?.objectValue)
            #expect(row.keys == ["id", "sent_at", "target", "endpoint", "status", "outcome", "events", "event_names", "latency_ms", "summary"])
            #expect(UUID(uuidString: row["id"]?.stringValue ?? "") != nil)
            #expect(row["sent_at"]?.stringValue?.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/) != nil, "\(row)")
            #expect(row["target"] == .string("CUSTOM 127.0.0.1:\(port)"))
            #expect(row["endpoint"] == .string("track"))
            #expect(row["status"] == .int(200))
            #expect(row["outcome"] == .string("answered"))
            #expect(row["events"] == .int(1))
            #expect(row["event_names"] == .array([.string("signed_up")]))
            #expect(row["latency_ms"]?.numberValue != nil)
            #expect(row["summary"]?.stringValue?.hasPrefix("200 OK") == true)

            let text = try run(["history", "--history", history])
            #expect(text.status == 0)
            let line = try #require(text.stdout.split(separator: "\n").first.map(String.init))
            #expect(text.stdout.split(separator: "\n").count == 1)
            #expect(line.hasPrefix(String(try #require(row["id"]?.stringValue).prefix(8))))
            #expect(line.contains("200 OK") && line.contains("signed_up") && line.contains("u-list") && line.contains("CUSTOM 127.0.0.1:\(port)"))
        }
    }

    @Test func showFindsAPrefixAndPrintsRequestAndResponse() throws {
        try withSandbox { port in
            try send(port: port, user: "u-show")
            let id = try #require(try listed().first?["id"]?.stringValue)
            let r = try run(["history", "show", String(id.prefix(6)), "--json", "--history", history])
            #expect(r.status == 0, "\(r.stderr)")
            let shown = try #require(try JSONParser.parse(r.stdout).objectValue)
            #expect(shown.keys == ["id", "sent_at", "target", "endpoint", "status", "outcome", "events", "event_names", "latency_ms", "summary",
                                   "method", "url", "request_headers", "request_body", "response_headers", "response_body", "retries", "profile"])
            #expect(shown["id"] == .string(id))
            #expect(shown["method"] == .string("POST"))
            #expect(shown["url"] == .string("http://127.0.0.1:\(port)/api/track"))
            let headers = try #require(shown["request_headers"]?.arrayValue)
            #expect(headers.contains { $0["name"] == .string("x-api-key") && $0["value"] == .string(SecretMask.mask(Self.key)) })
            #expect(shown["request_body"]?.arrayValue?.first?["user_id"] == .string("u-show"))
            #expect(shown["response_body"]?["success"] == .bool(true))
            #expect(shown["retries"] == .int(0))
            #expect(shown["profile"] == .null)

            let text = try run(["history", "show", id.uppercased(), "--history", history])
            #expect(text.status == 0, "\(text.stderr)")
            #expect(text.stdout.contains("POST http://127.0.0.1:\(port)/api/track"))
            #expect(text.stdout.contains("x-api-key: \(SecretMask.mask(Self.key))"))
            #expect(text.stdout.contains("\"user_id\": \"u-show\"") && text.stdout.contains("\"success\": true"))

            let unused = (["0", "1", "2", "3"].map { $0 + $0 + $0 + $0 }).first { !id.hasPrefix($0) } ?? "ffff"
            cli.expectOneClearLine(try run(["history", "show", unused, "--history", history]), mentioning: "no send in the history has an id starting with \(unused)")
            cli.expectOneClearLine(try run(["history", "show", "ab", "--history", history]), mentioning: "at least 4 characters")
        }
    }

    @Test func exportsNDJSONAndHARThatMatchWhatWasSent() throws {
        try withSandbox { port in
            for user in ["u-a", "u-b", "u-c"] { try send(port: port, user: user) }
            let sandboxEvents = try JSONParser.parse(try cli.curl(["-s", "http://127.0.0.1:\(port)/sandbox/events"])).arrayValue ?? []
            let sent = sandboxEvents.compactMap { $0["event"] }
            #expect(sent.count == 3)

            let nd = try run(["history", "export", "--format", "ndjson", "--history", history])
            #expect(nd.status == 0, "\(nd.stderr)")
            let lines = nd.stdout.split(separator: "\n").map(String.init)
            let parsed = try lines.map { try JSONParser.parse($0) }
            #expect(parsed == sent, "oldest first, each event as sent")
            #expect(lines.allSatisfy { !$0.contains("\n") && $0 == (try? JSONParser.parse($0))?.compact() })
            #expect(nd.stderr.contains("exported 3 events from 3 sends"))

            let har = folder.appendingPathComponent("out.har").path
            let h = try run(["history", "export", "--format", "har", "-o", har, "--history", history])
            #expect(h.status == 0, "\(h.stderr)")
            #expect(h.stdout.isEmpty)
            #expect(h.stderr.contains("exported 3 sends to \(har)"))
            let log = try #require(try JSONParser.parse(String(contentsOfFile: har, encoding: .utf8))["log"])
            #expect(log["version"] == .string("1.2"))
            let entries = try #require(log["entries"]?.arrayValue)
            #expect(entries.count == 3)
            #expect(entries.compactMap { $0["request"]?["postData"]?["text"]?.stringValue.flatMap { try? JSONParser.parse($0) }?.arrayValue?.first } == sent)
            #expect(entries.allSatisfy { $0["response"]?["status"] == .int(200) })
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).allSatisfy { !$0.hasSuffix(".tmp") })
        }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/curl") && FileManager.default.isExecutableFile(atPath: "/bin/sh")))
    func curlExportReplaysAgainstTheSandboxWithTheRevealedKey() throws {
        try withSandbox { port in
            for user in ["u-1", "u-2"] { try send(port: port, user: user) }
            let masked = try run(["history", "export", "--format", "curl", "--history", history])
            #expect(masked.status == 0)
            #expect(!masked.stdout.contains(Self.key) && masked.stdout.contains(SecretMask.mask(Self.key)))
            #expect(masked.stderr.contains("masked"))

            let script = folder.appendingPathComponent("replay.sh").path
            let revealed = try run(["history", "export", "--format", "curl", "--reveal-key", "-o", script, "--history", history], key: Self.key)
            #expect(revealed.status == 0, "\(revealed.stderr)")
            let text = try String(contentsOfFile: script, encoding: .utf8)
            #expect(text.components(separatedBy: "curl --location").count == 3)
            #expect(text.contains("x-api-key: \(Self.key)"))

            let sh = Process()
            sh.executableURL = URL(fileURLWithPath: "/bin/sh")
            sh.arguments = [script]
            sh.standardOutput = FileHandle.nullDevice
            sh.standardError = FileHandle.nullDevice
            try sh.run()
            sh.waitUntilExit()
            #expect(sh.terminationStatus == 0)
            let events = try JSONParser.parse(try cli.curl(["-s", "http://127.0.0.1:\(port)/sandbox/events"])).arrayValue ?? []
            #expect(events.compactMap { $0["event"]?["user_id"]?.stringValue } == ["u-1", "u-2", "u-1", "u-2"])
        }
    }

    @Test func pruneKeepsTheNewest() throws {
        try withSandbox { port in
            for user in ["u-old", "u-mid", "u-new"] { try send(port: port, user: user) }
            let r = try run(["history", "prune", "--keep", "1", "--history", history])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains("removed 2 sends"))
            let rows = try listed()
            #expect(rows.count == 1)
            let id = try #require(rows.first?["id"]?.stringValue)
            let shown = try JSONParser.parse(try run(["history", "show", id, "--json", "--history", history]).stdout)
            #expect(shown["request_body"]?.arrayValue?.first?["user_id"] == .string("u-new"))
            let none = try run(["history", "prune", "--history", history])
            cli.expectOneClearLine(none, mentioning: "--older-than")
            let old = try run(["history", "prune", "--older-than", "30d", "--history", history])
            #expect(old.stdout.contains("removed 0 sends"))
        }
    }

    @Test func noHistoryAndDryRunRecordNothing() throws {
        try withSandbox { port in
            try send(port: port, user: "u-kept")
            try send(port: port, user: "u-skipped", recorded: false)
            let dry = try run(["send", "--template", "signed_up", "--set", "properties.user_email=x@y.co", "--dry-run", "--history", history])
            #expect(dry.status == 0)
            let rows = try listed()
            #expect(rows.count == 1)
            #expect(try listed(["u-skipped"]).isEmpty)
            let defaultFile = folder.appendingPathComponent("state/thrive-inspector/history.sqlite").path
            #expect(!FileManager.default.fileExists(atPath: defaultFile), "--no-history wrote to the default history")
        }
    }

    @Test func theKeyNeverReachesTheHistoryFile() throws {
        try withSandbox { port in
            try send(port: port, user: "u-k1")
            // A key pasted into an event must be scrubbed from the stored body too, not only from the header.
            try send(port: port, user: "u-k2", set: ["properties.note=pasted \(Self.key) by mistake"])
            let rows = try listed()
            #expect(rows.count == 2)
            let shown = try run(["history", "show", try #require(rows.first?["id"]?.stringValue), "--json", "--history", history])
            #expect(shown.stdout.contains("pasted \(SecretMask.redacted) by mistake"), "\(shown.stdout)")
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("h.sqlite") }
            #expect(files.contains("h.sqlite"))
            for name in files {
                let bytes = try Data(contentsOf: folder.appendingPathComponent(name))
                #expect(bytes.range(of: Data(Self.key.utf8)) == nil, "\(name) holds the key")
            }
        }
    }

    @Test func aBadQueryOrAMissingFileIsOneLine() throws {
        cli.expectOneClearLine(try run(["history", "status:4x", "--history", history]), mentioning: "status:4x is not a status")
        cli.expectOneClearLine(try run(["history", "export", "--format", "har", "since:yesterday", "--history", history]), mentioning: "since:yesterday")
        #expect(try run(["history", "status:4x", "--history", history]).status == 1)
        cli.expectOneClearLine(try run(["history", "--history", history]), mentioning: "there is no history file at \(history)")
    }

    @Test func aDamagedHistoryFileIsAWarningForSendAndAnErrorForHistory() throws {
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: history))
        try withSandbox { port in
            let r = try run(["send", "--template", "signed_up", "--base-url", "http://127.0.0.1:\(port)/api", "--history", history], key: Self.key)
            #expect(r.status == 0, "the send goes ahead: \(r.stderr)")
            let warnings = r.stderr.split(separator: "\n").filter { $0.hasPrefix("history is off for this run: ") }
            #expect(warnings.count == 1, "\(r.stderr)")
        }
        let listing = try run(["history", "--history", history])
        cli.expectOneClearLine(listing, mentioning: history)
        #expect(listing.status == 1)
    }
}
