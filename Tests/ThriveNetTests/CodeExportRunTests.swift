import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import Testing
import ThriveCore
import ThriveNet
import ThriveSandbox

/// Runs the programs "copy as code" writes, with the real tools, against a sandbox on 127.0.0.1, and checks that each
/// sends what the app's own sender sends for the same request: method, path, key, content type and body bytes.
/// The sandbox's request tap hears both unmasked and byte for byte. Go is not installed here: see CodeExportTests.
@Suite("Copy as code, run for real")
struct CodeExportRunTests {
    /// Not the sandbox's default key, and full of what a literal must escape.
    static let key = #"ts_live_'q"\$x${y}%s`z`_0123WXYZ"#

    /// Quotes, a backslash, a newline and a tab, a control character, non-ASCII, `${x}`, backticks, `%s`, U+2028
    /// (raw in JSON, not in a JS or Python literal), `</script>`, and a number literal that must stay `1.50`.
    static let body = #"[{"event_name":"signed_up","user_id":"u-1","properties":{"user_email":"a@b.co","#
        + #""user_name":"Jo \"Q\" O'Neil \\ back\nline\ttab \u0001 ünïcødé 😀 ${x} `tick` %s %d \u2028 </script>","n":1.50}}]"#

    @Test(.enabled(if: Tools.curl, "curl is not installed"), arguments: AuthStyle.allCases)
    func curlSendsWhatTheAppSends(auth: AuthStyle) async throws {
        try await expectSameRequest(.curl, auth: auth)
    }

    @Test(.enabled(if: Tools.python, "python3 with requests is not installed"), arguments: AuthStyle.allCases)
    func pythonSendsWhatTheAppSends(auth: AuthStyle) async throws {
        try await expectSameRequest(.python, auth: auth)
    }

    @Test(.enabled(if: Tools.node, "node 18+ is not installed"), arguments: AuthStyle.allCases)
    func javascriptSendsWhatTheAppSends(auth: AuthStyle) async throws {
        try await expectSameRequest(.js, auth: auth)
    }

    /// Masked programs are still valid code: each tool's own syntax check accepts them.
    @Test func maskedProgramsAreValidCode() async throws {
        let request = RequestBuilder(target: .live, apiKey: Self.key).build(endpoint: .track, body: try JSONParser.parse(Self.body))
        var checks: [(CodeFormat, [String])] = [(.curl, ["sh", "-n"]), (.httpie, ["sh", "-n"])]
        if Tools.python {
            checks.append((.python, ["python3", "-c", "import ast, sys; ast.parse(open(sys.argv[1], encoding='utf-8').read())"]))
        }
        if Tools.node { checks.append((.js, ["node", "--check"])) }
        for (format, command) in checks {
            let program = CodeExport.render(request, as: format)
            #expect(!program.contains(Self.key))
            let run = try await Tools.run(command, program: program, format: format)
            #expect(run.status == 0, "\(format): \(run.stderr)\n\(program)")
        }
    }

    /// Sends `request` with HTTPSender, then runs its program, and compares what the sandbox heard.
    func expectSameRequest(_ format: CodeFormat, auth: AuthStyle) async throws {
        let heard = Recorder<TappedRequest>()
        let server = SandboxServer(requestTap: { heard.append($0) })
        let port = try await server.start()
        do {
            let request = RequestBuilder(target: .sandbox(port: port), auth: auth, apiKey: Self.key)
                .build(endpoint: .track, body: try JSONParser.parse(Self.body))
            let report = await HTTPSender().send(request)
            #expect(report.response?.status == 200, "\(report.summary)")
            let program = CodeExport.render(request, as: format, revealSecrets: true)
            let command = ["curl": ["sh"], "python": ["python3"], "js": ["node"]][format.rawValue] ?? []
            let run = try await Tools.run(command, program: program, format: format)
            #expect(run.status == 0, "\(run.stderr)\n\(program)")
            // curl prints the response body only; the programs print the status first.
            if format != .curl { #expect(run.stdout.hasPrefix("200 "), "\(run.stdout)") }
            #expect(run.stdout.contains(#""success":true"#), "\(run.stdout)")
            let requests = heard.values
            try #require(requests.count == 2, "the app's request and the program's")
            let (app, copied) = (requests[0], requests[1])
            #expect(app.body == Array(request.bodyData), "the sender sends the compact bytes")
            #expect(copied.method == app.method)
            #expect(copied.target == app.target)
            #expect(copied.body == app.body, "\(String(decoding: copied.body, as: UTF8.self))")
            for name in ["x-api-key", "authorization", "content-type", "accept"] {
                #expect(copied.header(name) == app.header(name), "\(name)")
            }
            let sent = auth == .bearer ? app.header("authorization") : app.header("x-api-key")
            #expect(sent == (auth == .bearer ? "Bearer " + Self.key : Self.key))
            await server.stop()
        } catch {
            await server.stop()
            throw error
        }
    }
}

/// The real tools, found on PATH, and a way to run one on a program without blocking the test's thread.
enum Tools {
    /// `.ci/run` installs the tools, so in CI a missing one fails the run instead of skipping these tests.
    static let required = ProcessInfo.processInfo.environment["CI"] != nil
    static let curl = required || works(["curl", "--version"])
    static let python = required || works(["python3", "-c", "import requests"])
    /// fetch and AbortSignal.timeout came with Node 18.
    static let node = required || works(["node", "-e", "process.exit(typeof fetch === 'function' && AbortSignal.timeout ? 0 : 1)"])

    static func works(_ command: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    /// Writes `program` to a file named for `format` and runs `command` with that file as its last argument.
    static func run(_ command: [String], program: String, format: CodeFormat) async throws -> (status: Int32, stdout: String, stderr: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("code-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("snippet." + format.fileExtension)
        try Data(program.utf8).write(to: file)
        let out = dir.appendingPathComponent("out"), err = dir.appendingPathComponent("err")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command + [file.path]
        // Output to files, not pipes: nothing can block on a full pipe while we wait for the exit.
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        // A proxy from the environment would carry the programs' requests somewhere other than the sandbox.
        var env = ProcessInfo.processInfo.environment
        for name in ["http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"] { env[name] = nil }
        process.environment = env
        let exited = ExitSignal()
        process.terminationHandler = { _ in exited.fire() }
        try process.run()
        // Only a safety net so a hung tool fails the test instead of hanging the run (curl has no timeout of its own).
        let pid = process.processIdentifier
        let watchdog = Task { try await Task.sleep(for: .seconds(120)); kill(pid, SIGKILL) }
        await exited.wait()
        watchdog.cancel()
        return (process.terminationStatus, try String(contentsOf: out, encoding: .utf8), try String(contentsOf: err, encoding: .utf8))
    }
}

/// The end of a child process, which may come before anyone waits for it.
final class ExitSignal: Sendable {
    private let state = Mutex<(fired: Bool, waiter: CheckedContinuation<Void, Never>?)>((false, nil))

    func fire() {
        let waiter = state.withLock { s -> CheckedContinuation<Void, Never>? in
            s.fired = true
            defer { s.waiter = nil }
            return s.waiter
        }
        waiter?.resume()
    }

    func wait() async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let now = state.withLock { s -> Bool in
                if s.fired { return true }
                s.waiter = c
                return false
            }
            if now { c.resume() }
        }
    }
}
