import Foundation
import Testing
import ThriveCore

/// `thrive-inspector replay` end to end: the built binary against a standalone sandbox process (its own process so
/// a loaded machine cannot starve it behind this test's blocked thread), checked through `GET /sandbox/events`.
/// Serialized: each test already runs two or three processes, and outcomes, never timings, are asserted.
@Suite(.serialized, .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/curl")))
struct ReplayCLITests {
    /// `count` valid track events, one per line, each with its own user id and timestamp.
    static func validLines(_ count: Int, prefix: String) -> [String] {
        (1...count).map { n in
            let second = String(format: "%02d:%02d", n / 60 % 60, n % 60)
            return #"{"event_name":"feature_used","user_id":"\#(prefix)_\#(n)","timestamp":"2024-01-15T10:\#(second)Z","#
                + #""properties":{"feature_name":"report_exported","feature_type":"core"}}"#
        }
    }

    /// 300 valid events, two without a user id (lines 101 and 202) and one line that is not JSON (line 152).
    static func mixedFile() throws -> (path: String, invalidLines: Set<Int>) {
        var lines = validLines(300, prefix: "mix")
        lines.insert(#"{"event_name":"feature_used","properties":{"feature_name":"a","feature_type":"core"}}"#, at: 100)
        lines.insert("{this is not json", at: 151)
        lines.insert(#"{"event_name":"feature_used"}"#, at: 201)
        return (try write(lines.joined(separator: "\n") + "\n"), [101, 152, 202])
    }

    @Test func everyValidEventArrivesOnceThroughFaultsAndASecondRunSendsNothing() throws {
        let sandbox = try ReplaySandboxProcess(faults: ["429:0.2", "500:0.1", "drop:0.1"])
        defer { sandbox.stop() }
        let (file, invalidLines) = try Self.mixedFile()
        let history = Self.temporaryPath("history.sqlite"), report = Self.temporaryPath("report.ndjson")
        let base = [file, "--base-url", sandbox.apiURL, "--history", history, "--batch-size", "25", "--retries", "30"]

        let first = try BuiltBinary.run(["replay"] + base + ["--report", report], environment: Self.key, timeout: 600)
        #expect(first.status == 0, "stderr: \(first.stderr)")
        let stored = try sandbox.userIDs()
        #expect(stored.count == 300, "every valid event once, no more: \(stored.count)")
        #expect(Set(stored) == Set((1...300).map { "mix_\($0)" }))
        let lines = try Self.reportLines(report)
        #expect(lines.count == 303, "one line per event and per unreadable line")
        for line in lines {
            #expect(line.keys == ["source", "status", "http_status", "reason"], "\(line)")
        }
        let invalid = lines.filter { $0["status"] == .string("invalid") }.compactMap { $0["source"]?.stringValue }
        #expect(Set(invalid) == Set(invalidLines.map { "\(file):\($0)" }), "\(invalid)")
        #expect(lines.filter { $0["status"] == .string("accepted") }.count == 300)
        #expect(lines.first?["source"] == .string("\(file):1") && lines.last?["source"] == .string("\(file):303"), "input order")
        #expect(first.stderr.contains("300 accepted"), "\(first.stderr)")

        let again = try BuiltBinary.run(["replay"] + base + ["--report", report], environment: Self.key, timeout: 600)
        #expect(again.status == 0, "stderr: \(again.stderr)")
        #expect(try sandbox.userIDs().count == 300, "the second run sent nothing")
        let second = try Self.reportLines(report)
        #expect(second.filter { $0["status"] == .string("skipped_duplicate") }.count == 300)
        #expect(second.filter { $0["status"] == .string("invalid") }.count == 3)
    }

    @Test func aReplayKilledMidwayResumesWithoutDuplicates() throws {
        let sandbox = try ReplaySandboxProcess(faults: [])
        defer { sandbox.stop() }
        let file = try Self.write(Self.validLines(3_000, prefix: "kill").joined(separator: "\n") + "\n")
        let history = Self.temporaryPath("history.sqlite")
        let base = [file, "--base-url", sandbox.apiURL, "--history", history]

        let process = Process()
        process.executableURL = BuiltBinary.url
        process.arguments = ["replay"] + base + ["--rate", "500/s", "--batch-size", "50"]
        process.environment = Self.environment()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        let deadline = Date().addingTimeInterval(120)
        var seen = 0
        while Date() < deadline, process.isRunning {
            seen = (try? sandbox.userIDs().count) ?? 0
            if seen > 0 { break }
            usleep(20_000)
        }
        try #require(process.isRunning && seen > 0 && seen < 3_000, "the replay was still running with some events sent (\(seen))")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()

        let report = Self.temporaryPath("resume.ndjson")
        // `--unknown skip`: a request in flight at the kill may have been stored with its answer lost; retrying it
        // could store it twice, so the resume leaves it unsent and reports it `unknown` instead.
        let resumed = try BuiltBinary.run(["replay"] + base + ["--resume", "--unknown", "skip", "--report", report], environment: Self.key, timeout: 600)
        #expect(resumed.status == 0 || resumed.status == 3, "stderr: \(resumed.stderr)")
        #expect(resumed.stderr.contains("accepted;"), "the resume line: \(resumed.stderr)")
        let stored = try sandbox.userIDs()
        #expect(stored.count == Set(stored).count, "no event twice in the sandbox")
        let lines = try Self.reportLines(report)
        #expect(lines.count == 3_000)
        let unknown = lines.filter { $0["status"] == .string("unknown") }.count
        #expect(lines.filter { $0["status"] == .string("accepted") }.count + unknown == 3_000)
        #expect(resumed.status == (unknown > 0 ? 3 : 0))

        let final = try BuiltBinary.run(["replay"] + base + ["--report", report], environment: Self.key, timeout: 600)
        #expect(final.status == 0, "stderr: \(final.stderr)")
        let rest = try Self.reportLines(report)
        // Only events the resume left unknown can be sent again (fewer when one's 2xx reached the history before the kill).
        let sent = rest.filter { $0["status"] == .string("accepted") }.count
        #expect(sent <= unknown)
        #expect(sent + rest.filter { $0["status"] == .string("skipped_duplicate") }.count == 3_000)
        #expect(Set(try sandbox.userIDs()) == Set((1...3_000).map { "kill_\($0)" }))
    }

    @Test func aDryRunSendsNothing() throws {
        let sandbox = try ReplaySandboxProcess(faults: [])
        defer { sandbox.stop() }
        let (file, _) = try Self.mixedFile()
        let r = try BuiltBinary.run(["replay", file, "--base-url", sandbox.apiURL, "--history", Self.temporaryPath("h.sqlite"),
                                     "--dry-run", "--batch-size", "100"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stdout.contains("would send 300 events in 3 requests"), "\(r.stdout)")
        #expect(r.stdout.contains("invalid (not sent): 2 events and 1 unreadable line"), "\(r.stdout)")
        #expect(try sandbox.userIDs().isEmpty)
    }

    @Test(arguments: [
        (["--rate", "fast"], "--rate must be"),
        (["--batch-size", "5000"], "--batch-size must be between 1 and 1,000"),
        (["--unknown", "maybe"], "--unknown must be retry or skip"),
        (["--concurrency", "0"], "--concurrency must be"),
        (["--no-history"], "replay needs the history"),
        (["/nonexistent/events.ndjson"], "/nonexistent/events.ndjson: no such file"),
    ])
    func badInputIsOneClearLine(extra: [String], message: String) throws {
        let file = try Self.write(Self.validLines(3, prefix: "bad").joined(separator: "\n"))
        let args = extra.first?.hasPrefix("/") == true ? extra : [file] + extra
        let r = try BuiltBinary.run(["replay"] + args + ["--base-url", "http://127.0.0.1:9/api"])
        #expect(r.status == 1, "stderr: \(r.stderr)")
        let lines = r.stderr.split(separator: "\n", omittingEmptySubsequences: true)
        #expect(lines.count == 1 && r.stderr.contains(message), "stderr: \(r.stderr)")
    }

    // MARK: Helpers

    static func reportLines(_ path: String) throws -> [JSONObject] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            try #require(try JSONParser.parse(String(line)).objectValue, "not an object: \(line)")
        }
    }

    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("replay-cli-\(UUID().uuidString)-\(name)").path
    }

    static func write(_ text: String) throws -> String {
        let path = temporaryPath("events.ndjson")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// A --base-url target gets the key from the environment, as the live API would need.
    static let key = ["THRIVESTACK_API_KEY": "replay-test-key-1234"]

    /// Like `BuiltBinary.run`'s: private config and state folders, and the test key.
    static func environment() -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["THRIVESTACK_API_KEY"] = key["THRIVESTACK_API_KEY"]
        env["XDG_CONFIG_HOME"] = temporaryPath("config")
        env["XDG_STATE_HOME"] = temporaryPath("state")
        return env
    }
}

/// `thrive-inspector sandbox --port 0` as its own process, with its port read from the banner.
final class ReplaySandboxProcess {
    let process: Process
    let port: Int
    private let out: LiveOutput, err: LiveOutput

    init(faults: [String]) throws {
        let process = Process()
        process.executableURL = BuiltBinary.url
        process.arguments = ["sandbox", "--port", "0", "--seed", "7"] + faults.flatMap { ["--fault", $0] }
        process.environment = ReplayCLITests.environment()
        let out = LiveOutput(), err = LiveOutput()
        process.standardOutput = out.pipe
        process.standardError = err.pipe
        try process.run()
        self.process = process; self.out = out; self.err = err
        let banner = out.waitForLine(timeout: 60)
        guard let port = banner?.firstMatch(of: /127\.0\.0\.1:(\d+)\/api/).flatMap({ Int($0.1) }) else {
            kill(process.processIdentifier, SIGKILL)
            throw SandboxDidNotStart(stderr: err.text)
        }
        self.port = port
    }

    var apiURL: String { "http://127.0.0.1:\(port)/api" }

    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// `user_id` of every event the sandbox accepted, in order.
    func userIDs() throws -> [String] {
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        curl.arguments = ["--max-time", "30", "-sf", "http://127.0.0.1:\(port)/sandbox/events"]
        let pipe = Pipe()
        curl.standardOutput = pipe
        try curl.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        curl.waitUntilExit()
        guard curl.terminationStatus == 0 else { throw SandboxDidNotStart(stderr: "curl exited \(curl.terminationStatus)") }
        return (try JSONParser.parse(data: data).arrayValue ?? []).compactMap { $0["event"]?["user_id"]?.stringValue }
    }
}

struct SandboxDidNotStart: Error { var stderr: String }
