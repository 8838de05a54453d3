import Foundation
import Synchronization
import Testing
import ThriveTestSupport
import ThriveCore
#if canImport(Glibc)
import Glibc
#endif

/// The scriptable subcommands, driven through the built binary: exit codes, stdout and one-line errors.
@Suite("CLI", .serialized)
struct CLITests {
    /// The backtracer's path added to an empty SWIFT_BACKTRACE must not make the runtime warn at every launch.
    @Test(arguments: ["", "color=no,"])
    func aBacktraceSettingGetsNoWarning(setting: String) throws {
        let r = try BuiltBinary.run(["--version"], environment: ["SWIFT_BACKTRACE": setting])
        #expect(r.status == 0)
        #expect(r.stdout.contains("0.1.0"))
        #expect(r.stderr.isEmpty, "\(r.stderr)")
    }

    /// The bare command starts the UI without the parser; what it refuses, it refuses as `ui` does, in the same words
    /// and with the same status.
    @Test func theBareCommandFailsAsUIDoesWithoutATerminal() throws {
        let bare = try BuiltBinary.run([]), ui = try BuiltBinary.run(["ui"])
        #expect(bare.status == 1)
        #expect(bare.stderr.hasPrefix("Error: the terminal UI needs an interactive terminal"), "\(bare.stderr)")
        #expect(bare.status == ui.status && bare.stderr == ui.stderr && bare.stdout == ui.stdout)
    }

    @Test func templatesListsAllFifteen() throws {
        let r = try BuiltBinary.run(["templates"])
        #expect(r.status == 0)
        let names = r.stdout.split(separator: "\n").map { String($0.prefix { $0 != " " }) }
        #expect(names == ["signed_up", "signed_in", "signed_out", "account_created", "account_added_user", "account_removed_user",
                          "account_deleted", "invite_sent", "feature_used", "page_visit", "user_enriched", "trial_started",
                          "trial_ended", "identify", "group"])
        #expect(r.stdout.contains("identify              /identify   "))
        #expect(r.stderr.isEmpty)
    }

    @Test func templateShowsFieldsAndASamplePayload() throws {
        let r = try BuiltBinary.run(["templates", "signed_up"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("signed_up — "))
        #expect(r.stdout.contains("POST /api/track") && r.stdout.contains("Fields:"))
        #expect(r.stdout.range(of: #"properties\.user_email +expected +string"#, options: .regularExpression) != nil)
        #expect(r.stdout.range(of: #"user_id +required +string"#, options: .regularExpression) != nil)
        let sample = try #require(r.stdout.components(separatedBy: "Sample payload:\n").last)
        let body = try JSONParser.parse(sample)
        #expect(body.arrayValue?.first?["event_name"] == .string("signed_up"))
        #expect(body.arrayValue?.first?["properties"]?["user_email"]?.stringValue != nil)
    }

    @Test func unknownTemplateIsOneLine() throws {
        let r = try BuiltBinary.run(["templates", "nope"])
        expectOneClearLine(r, mentioning: "unknown template \"nope\"")
        #expect(r.stdout.isEmpty)
    }

    @Test func validFileExitsZero() throws {
        let path = try write(#"[{"event_name":"signed_up","user_id":"u1","properties":{"user_email":"a@b.co","user_name":"A"},"timestamp":"2024-01-15T10:30:00Z"}]"#)
        let r = try BuiltBinary.run(["validate", path])
        #expect(r.status == 0)
        #expect(r.stdout.contains("\(path): 1 event for /track, 0 errors"))
    }

    /// Seed 003's "Try Out!" sample: `event` instead of `event_name`, and a two-digit year.
    static let seed003 = #"{"event": "signed_up", "properties": {"email": "john.doe@example.com", "name": "John Doe"}, "user_id": "766b3aef-5904-46fe-af05-a293fee8h345", "timestamp": "20-11-23T22:28:55.111Z"}"#

    @Test func malformedSeedTimestampFails() throws {
        let path = try write(Self.seed003)
        let r = try BuiltBinary.run(["validate", path])
        #expect(r.status == 1)
        #expect(r.stdout.contains("2 errors"))
        // Findings are named by where the event is in the file, then the path inside the event.
        let line = try #require(r.stdout.split(separator: "\n").first { $0.contains("/timestamp") && $0.contains("\(path):") })
        #expect(line.contains("error"))
        #expect(line.contains("20-11-23T22:28:55.111Z"))
    }

    @Test func validateJSONOutputParses() throws {
        let good = try write(#"[{"user_id":"u1","traits":{"plan":"pro"}}]"#)
        let bad = try write(Self.seed003)
        let r = try BuiltBinary.run(["validate", "--json", good, bad])
        #expect(r.status == 1)
        let files = try #require(try JSONParser.parse(r.stdout).arrayValue)
        #expect(files.map { $0["file"]?.stringValue } == [good, bad])
        #expect(files[0]["endpoint"] == .string("identify"))
        #expect(files[0]["findings"]?.arrayValue?.isEmpty == true)
        let findings = try #require(files[1]["findings"]?.arrayValue)
        #expect(findings.contains { $0["path"] == .string("/0/timestamp") && $0["severity"] == .string("error") && $0["code"] == .string("malformed_timestamp") })
    }

    @Test func truncatedJSONNamesLineAndColumn() throws {
        let path = try write("[{\"event_name\": \"signed_up\",\n  \"user_id\": \"u")
        let r = try BuiltBinary.run(["validate", path])
        #expect(r.status == 1)
        #expect(r.stdout.range(of: "\(NSRegularExpression.escapedPattern(for: path)):2: column \\d+: .+", options: .regularExpression) != nil, "\(r.stdout)")
        for bad in ["Fatal error", "Stack dump", "Backtrace"] { #expect(!r.stderr.contains(bad)) }
    }

    @Test func aBadNDJSONLineIsReportedWhereItIsAndTheRestStillValidates() throws {
        let path = try write("{\"event_name\":\"signed_in\",\"user_id\":\"u1\"}\n{\"event_name\":\"signed_out\",\"user_id\":\"u1\",}\n{\"event_name\":\"signed_in\"}\n")
        let r = try BuiltBinary.run(["validate", path])
        #expect(r.status == 1)
        #expect(r.stdout.contains("\(path):2: column 43: trailing comma"), "\(r.stdout)")
        #expect(r.stdout.contains("\(path):3:") && r.stdout.contains("user_id"), "line 3 is still validated: \(r.stdout)")
    }

    /// The sandbox runs as its own process: an in-process one would need this test's thread pool while the
    /// test blocks waiting for the CLI, and on a loaded machine they would wait for each other.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/curl")))
    func theEnvironmentKeyIsSentToAChosenTarget() throws {
        let (process, out, err) = try launch(["sandbox", "--port", "0"])
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        let banner = try #require(out.waitForLine(), "no banner; stderr: \(err.text)")
        let port = try #require(banner.firstMatch(of: /127\.0\.0\.1:(\d+)\/api/).flatMap { Int($0.1) })
        let r = try BuiltBinary.run(["send", "--template", "signed_up", "--base-url", "http://127.0.0.1:\(port)/api"],
                                    environment: ["THRIVESTACK_API_KEY": "env-key-abcdefgh1234"])
        #expect(r.status == 0, "\(r.stderr)")
        let listed = try JSONParser.parse(try curl(["-s", "http://127.0.0.1:\(port)/sandbox/events"]))
        let headers = listed.arrayValue?.first?["headers"]?.objectValue
        let key = headers?.first { $0.key.lowercased() == "x-api-key" }?.value
        #expect(key == .string(SecretMask.mask("env-key-abcdefgh1234")),
                "the key from THRIVESTACK_API_KEY was sent (the sandbox keeps it masked)")
    }

    @Test func setTypesValuesLikeTheForm() throws {
        let r = try BuiltBinary.run(["send", "--template", "account_added_user", "--set", "properties.is_first_user=yes", "--dry-run"])
        #expect(r.stdout.contains(#""is_first_user": true"#), "yes is true, as in the form: \(r.stdout)")
        let bad = try BuiltBinary.run(["send", "--template", "group", "--set", "traits.employees=lots", "--dry-run"])
        expectOneClearLine(bad, mentioning: "\"lots\" is not a number")
    }

    @Test func anAliasBombInTheTemplatesFolderIsOneWarningAndTheCommandsStillWork() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("bomb-\(UUID().uuidString)")
        let dir = home.appendingPathComponent("thrive-inspector/templates")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        var bomb = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        for (previous, name) in zip("abcdefgh", "bcdefghi") {
            bomb += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
        }
        try bomb.write(to: dir.appendingPathComponent("bomb.yaml"), atomically: true, encoding: .utf8)
        let r = try BuiltBinary.run(["templates"], environment: ["XDG_CONFIG_HOME": home.path])
        #expect(r.status == 0)
        #expect(r.stderr.contains("bomb.yaml: expands to more than"))
        #expect(r.stdout.contains("signed_up"))
    }

    @Test func missingFileIsOneLine() throws {
        let r = try BuiltBinary.run(["validate", "/nonexistent/events.json"])
        expectOneClearLine(r, mentioning: "/nonexistent/events.json: no such file")
    }

    @Test func sendToTheEmbeddedSandbox() throws {
        let r = try BuiltBinary.run(["send", "--template", "signed_up", "--set", "properties.user_email=x@y.co"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n", maxSplits: 1).map(String.init)
        #expect(lines.first?.hasPrefix("HTTP 200 OK") == true)
        let body = try JSONParser.parse(try #require(lines.last))
        #expect(body["success"] == .bool(true))
        #expect(body["eventId"]?.stringValue?.hasPrefix("evt_") == true)
        #expect(r.stderr.contains("embedded sandbox"))
    }

    @Test func dryRunMasksTheKey() throws {
        let key = "ts-secret-key-0123456789-ABCD"
        let keyFile = try write(key + "\n")
        for format in ["http", "curl", "httpie"] {
            let r = try BuiltBinary.run(["send", "--template", "signed_up", "--set", "properties.user_email=x@y.co",
                                         "--dry-run", "--format", format, "--api-key-file", keyFile, "--live"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(!r.stdout.contains(key) && !r.stderr.contains(key), "\(format) leaks the key")
            #expect(r.stdout.contains(SecretMask.mask(key)), "\(format): \(r.stdout)")
            #expect(r.stdout.contains("https://api.app.thrivestack.ai/api/track"))
            #expect(r.stdout.contains("x@y.co"))
        }
        let revealed = try BuiltBinary.run(["send", "--template", "signed_up", "--dry-run", "--reveal-key", "--api-key-file", keyFile, "--live"])
        #expect(revealed.stdout.contains("x-api-key: \(key)"))
    }

    @Test func curlWithoutABodyIsOneLine() throws {
        let r = try BuiltBinary.run(["send", "--curl", "curl https://api.app.thrivestack.ai/api/track -H 'x-api-key: k'"])
        expectOneClearLine(r, mentioning: "no body")
    }

    @Test func closedPortIsANetworkFailure() throws {
        let port = try closedPort()
        let r = try BuiltBinary.run(["send", "--template", "signed_up", "--set", "properties.user_email=x@y.co",
                                     "--base-url", "http://127.0.0.1:\(port)/api", "--timeout", "5"])
        #expect(r.status == 3)
        expectOneClearLine(r, mentioning: "connection refused by 127.0.0.1:\(port)")
        #expect(r.stdout.isEmpty)
    }

    @Test(arguments: [
        (["send"], "say what to send"),
        (["send", "--template", "nope"], "unknown template \"nope\""),
        (["send", "--template", "signed_up", "--set", "properties.user_email"], "expected path=value"),
        (["send", "--template", "signed_up", "--timeout", "0"], "--timeout must be"),
        (["send", "--file", "/nonexistent/e.json"], "/nonexistent/e.json: no such file"),
        (["send", "--curl", "wget https://example.com"], "not a curl command"),
        (["send", "--curl", "curl https://h.io/api/track -d '[{\"a\":'"], "the curl body: line 1, column"),
        (["send", "--template", "signed_up", "--api-key-file", "/nonexistent/key"], "cannot read the API key file"),
        (["send", "--template", "signed_up", "--live", "--sandbox"], "choose one of"),
        (["sandbox", "--fault", "teapot"], "unknown kind \"teapot\""),
        (["sandbox", "--port", "70000"], "--port must be between 0 and 65535"),
        (["sandbox", "--port", "-1"], "--port must be between 0 and 65535"),
        (["sandbox", "--fault", "500:0.7", "--fault", "503:0.6"], "fault rates add up to 1.3"),
        (["send", "--template", "signed_up", "--timeout", "-1"], "--timeout must be a number of seconds greater than 0"),
        (["send", "--template", "signed_up", "--retries", "-3"], "--retries must be 0 or more"),
        (["send", "--template", "signed_up", "--dry-run", "--set", Array(repeating: "a", count: 50_000).joined(separator: ".") + "=1"],
         "the path has 50000 parts; at most 512"),
        (["send", "--template", "signed_up", "--dry-run", "--set", "properties.n=1e999999"], "1e999999 is too large for a number"),
        (["send", "--template", "signed_up", "--dry-run", "--config", "/tmp"], "/tmp is a folder, not a config file"),
        (["send", "--dry-run", "--curl", "curl -G https://h.io/api/track -d 'a b={\"x\":[1]}'"], "the curl command has no body"),
    ])
    func badInputIsOneClearLine(arguments: [String], mentioning: String) throws {
        expectOneClearLine(try BuiltBinary.run(arguments), mentioning: mentioning)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/curl")), arguments: [SIGINT, SIGTERM])
    func sandboxServesCurlAndStopsOnSignal(signal: Int32) throws {
        let (process, out, err) = try launch(["sandbox", "--port", "0"])
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

        let banner = try #require(out.waitForLine(), "no banner; stderr: \(err.text)")
        #expect(banner.hasPrefix("ThriveStack sandbox listening on http://127.0.0.1:"))
        let portText = try #require(banner.firstMatch(of: /127\.0\.0\.1:(\d+)\/api/)?.1)
        let port = try #require(Int(portText))

        let event = #"[{"event_name":"signed_up","user_id":"cli-user","properties":{"user_email":"a@b.co","user_name":"A"}}]"#
        let posted = try curl(["-s", "-w", "\n%{http_code}", "-X", "POST", "http://127.0.0.1:\(port)/api/track",
                               "-H", "content-type: application/json", "-H", "x-api-key: cli-key-12345678", "--data", event])
        let postedLines = posted.split(separator: "\n")
        #expect(postedLines.last == "200", "\(posted)")
        let eventId = try #require(try JSONParser.parse(String(postedLines.first ?? ""))["eventId"]?.stringValue)

        let listed = try JSONParser.parse(try curl(["-s", "http://127.0.0.1:\(port)/sandbox/events"]))
        let items = try #require(listed.arrayValue)
        #expect(items.count == 1)
        #expect(items.first?["eventId"] == .string(eventId))
        #expect(items.first?["event"]?["user_id"] == .string("cli-user"))
        #expect(items.first?["headers"]?["x-api-key"] == .string(SecretMask.mask("cli-key-12345678")))

        kill(process.processIdentifier, signal)
        #expect(waitForExit(process), "the sandbox ignored the signal")
        #expect(process.terminationReason == .exit, "stopped cleanly rather than killed by the signal")
        #expect(process.terminationStatus == 0)
        #expect(err.waitForEnd().isEmpty)
    }

    @Test func sandboxOnABusyPortFailsAtOnce() throws {
        let (fd, port) = try boundSocket()
        defer { close(fd) }
        let (process, out, err) = try launch(["sandbox", "--port", "\(port)"])
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        #expect(waitForExit(process), "the sandbox waited for a signal instead of reporting the busy port")
        let r = BuiltBinary.Result(status: process.terminationStatus, stdout: out.waitForEnd(), stderr: err.waitForEnd())
        expectOneClearLine(r, mentioning: "could not listen on 127.0.0.1:\(port)")
        #expect(r.status == 1)
    }

    /// Starts the binary without waiting, in the same clean environment `BuiltBinary.run` uses.
    func launch(_ arguments: [String]) throws -> (Process, LiveOutput, LiveOutput) {
        let process = Process()
        process.executableURL = BuiltBinary.url
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["THRIVESTACK_API_KEY"] = nil
        env["XDG_CONFIG_HOME"] = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString)").path
        process.environment = env
        let out = LiveOutput(), err = LiveOutput()
        process.standardOutput = out.pipe
        process.standardError = err.pipe
        try process.run()
        return (process, out, err)
    }

    /// Waits (generously) for the process to end by itself; false if it is still running.
    func waitForExit(_ process: Process, within seconds: TimeInterval = 20) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { usleep(10_000) }
        guard !process.isRunning else { return false }
        process.waitUntilExit()
        return true
    }

    /// Runs /usr/bin/curl and returns its standard output.
    func curl(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = ["--max-time", "10"] + arguments
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// Exit non-zero, and stderr is exactly one line that says what is wrong: no trace, no crash text.
    func expectOneClearLine(_ r: BuiltBinary.Result, mentioning text: String,
                            sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.status != 0, "exit status", sourceLocation: sourceLocation)
        let lines = r.stderr.split(separator: "\n", omittingEmptySubsequences: true)
        #expect(lines.count == 1, "stderr: \(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stderr.contains(text), "stderr: \(r.stderr)", sourceLocation: sourceLocation)
        for bad in ["Fatal error", "Stack dump", "Backtrace", "Swift/", "0x0000"] {
            #expect(!r.stderr.contains(bad), "stderr: \(r.stderr)", sourceLocation: sourceLocation)
        }
    }

    /// Writes `text` to a fresh temporary file and returns its path.
    func write(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString).json")
        try Data(text.utf8).write(to: url)
        return url.path
    }
}

/// What a running child has written so far, for waiting on a line such as the sandbox banner.
final class LiveOutput: Sendable {
    let pipe = Pipe()
    private let state = Mutex((data: Data(), ended: false))

    init() {
        pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let chunk = handle.availableData
            if chunk.isEmpty { handle.readabilityHandler = nil }
            self?.state.withLock { chunk.isEmpty ? ($0.ended = true) : $0.data.append(chunk) }
        }
    }

    var text: String { state.withLock { String(decoding: $0.data, as: UTF8.self) } }

    /// The first line, once it is complete; nil if none arrives in time.
    func waitForLine(timeout: TimeInterval = 20) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let end = text.firstIndex(of: "\n") { return String(text[..<end]) }
            usleep(10_000)
        }
        return nil
    }

    /// Everything written, once the child has closed its end (it has exited).
    func waitForEnd(timeout: TimeInterval = 20) -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while !state.withLock({ $0.ended }), Date() < deadline { usleep(10_000) }
        return text
    }
}
