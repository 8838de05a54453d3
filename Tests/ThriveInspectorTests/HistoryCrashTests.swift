import Foundation
import Testing
import ThriveCore
#if canImport(Glibc)
import Glibc
#endif

/// The history file under the worst a user's machine does: a sender killed mid-request, and several
/// processes writing at once. Drives the built binary; the sandbox runs as its own process.
@Suite(.serialized) struct HistoryCrashTests {
    /// A sandbox process; stopped when the test ends.
    final class SandboxProcess {
        let process: Process
        let port: Int
        init(_ extra: [String] = []) throws {
            process = Process()
            process.executableURL = BuiltBinary.url
            process.arguments = ["sandbox", "--port", "0"] + extra
            let out = LiveOutput()
            process.standardOutput = out.pipe
            process.standardError = FileHandle.nullDevice
            try process.run()
            let banner = try #require(out.waitForLine(timeout: 60), "the sandbox printed no banner")
            port = try #require(banner.firstMatch(of: /127\.0\.0\.1:(\d+)\/api/).flatMap { Int($0.1) })
        }
        var baseURL: String { "http://127.0.0.1:\(port)/api" }
        deinit { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }
    }

    static func tempHistory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("history-\(UUID().uuidString)/h.sqlite").path
    }

    static func historyJSON(_ path: String) throws -> [JSONValue] {
        let r = try BuiltBinary.run(["history", "--json", "--limit", "0", "--history", path])
        #expect(r.status == 0, "history --json failed: \(r.stderr)")
        return try JSONParser.parse(r.stdout).arrayValue ?? []
    }

    @Test func aSenderKilledMidRequestLeavesAnInterruptedRow() throws {
        let sandbox = try SandboxProcess(["--fault", "hang:1"])
        let path = Self.tempHistory()
        let sender = Process()
        sender.executableURL = BuiltBinary.url
        sender.arguments = ["send", "--template", "signed_up", "--base-url", sandbox.baseURL, "--timeout", "600", "--history", path]
        var env = ProcessInfo.processInfo.environment
        env["THRIVESTACK_API_KEY"] = "tsk_test_key_for_interruption"
        sender.environment = env
        sender.standardOutput = FileHandle.nullDevice
        sender.standardError = FileHandle.nullDevice
        try sender.run()
        // The row is written before the request leaves: wait until it is there, in flight, while the sandbox hangs.
        var listing = BuiltBinary.Result(status: 1, stdout: "", stderr: "")
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if FileManager.default.fileExists(atPath: path) {
                listing = try BuiltBinary.run(["history", "--history", path])
                if listing.stdout.contains("in flight") { break }
            }
            usleep(100_000)
        }
        #expect(listing.stdout.contains("in flight"), "no row while the request was in flight: \(listing.stdout) \(listing.stderr)")
        let live = try BuiltBinary.run(["history", "--json", "--history", path])
        #expect(try JSONParser.parse(live.stdout).arrayValue?.isEmpty == true, "--json lists only sends with an outcome")
        #expect(live.stderr.contains("1 send is still in flight and not listed"))
        #expect(sender.isRunning, "the send should still be waiting on the hanging sandbox")
        kill(sender.processIdentifier, SIGKILL)
        sender.waitUntilExit()
        let after = try Self.historyJSON(path)
        #expect(after.count == 1)
        #expect(after.first?["outcome"]?.stringValue == "interrupted")
        #expect(after.first?["status"] == .null)
        #expect(after.first?["summary"]?.stringValue?.contains("interrupted — outcome unknown") == true)
    }

    @Test func theUIKilledMidSendLeavesAnInterruptedRowTheNextStartShows() throws {
        let path = Self.tempHistory()
        let t = try TmuxSession(["--fault", "hang:1", "--history", path], width: 120, height: 40)
        try t.waitFor(text: "with faults: hang:1")
        try t.send("C-s")
        try t.waitFor(text: "Esc cancels")
        let pid = try #require(try t.programPID())
        kill(pid, SIGKILL)
        try t.waitFor(text: "EXIT:")
        let rows = try Self.historyJSON(path)
        #expect(rows.count == 1 && rows.first?["outcome"]?.stringValue == "interrupted")
        // The next start shows it as interrupted, never as a success.
        let again = try TmuxSession(["--history", path], width: 120, height: 40)
        let screen = try again.waitFor("the interrupted row") { rows in rows.contains { $0.contains("interrupted") && $0.contains("signed_up") } }
        #expect(!screen.contains { $0.contains("200 OK") })
    }

    @Test func processesSendingAtOnceKeepEveryRow() throws {
        let sandbox = try SandboxProcess()
        let path = Self.tempHistory()
        let senders = (0..<8).map { k -> Process in
            let p = Process()
            p.executableURL = BuiltBinary.url
            p.arguments = ["send", "--template", "signed_up", "--set", "user_id=u_parallel_\(k)", "--base-url", sandbox.baseURL, "--history", path]
            var env = ProcessInfo.processInfo.environment
            env["THRIVESTACK_API_KEY"] = "tsk_parallel"
            p.environment = env
            p.standardOutput = FileHandle.nullDevice
            return p
        }
        let errors = senders.map { p -> LiveOutput in let e = LiveOutput(); p.standardError = e.pipe; return e }
        for p in senders { try p.run() }
        for p in senders { p.waitUntilExit() }
        for (k, p) in senders.enumerated() {
            let err = errors[k].waitForEnd()
            #expect(p.terminationStatus == 0, "sender \(k): \(err)")
            #expect(!err.lowercased().contains("locked"), "sender \(k): \(err)")
        }
        let rows = try Self.historyJSON(path)
        #expect(rows.count == 8)
        for row in rows {
            #expect(row["outcome"]?.stringValue == "answered")
            #expect((200..<300).contains(row["status"]?.numberValue?.intValue ?? 0))
        }
        let users = try BuiltBinary.run(["history", "user:u_parallel_3", "--json", "--history", path])
        #expect(try JSONParser.parse(users.stdout).arrayValue?.count == 1)
    }
}
