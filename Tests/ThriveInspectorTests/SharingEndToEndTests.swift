import Foundation
import ProcessSpawn
import Testing
import ThriveCore
#if canImport(Glibc)
import Glibc
#endif

/// Where requests go and how they leave the program, driven through the real binary in tmux: a key alone stays in
/// the sandbox, LIVE asks first, profiles switch the target (and the history says which), copy-as puts code on the
/// clipboard with OSC 52, `e` round-trips the draft through `$EDITOR`, and `t` remembers the theme.
///
/// Every test has its own config and state folders, so nothing reads or writes the developer's files, and no test
/// ever answers yes to sending LIVE. The proxy variables point at a closed port: should a broken build try to reach
/// the live API anyway, the request goes nowhere.
@Suite("Sharing and targets in tmux", .serialized)
struct SharingEndToEndTests {
    let cli = CLITests()

    /// A private folder per test: `config` (XDG_CONFIG_HOME), `state` (XDG_STATE_HOME) and room for scripts.
    struct Folder {
        let root: URL
        var config: URL { root.appendingPathComponent("config") }
        var state: URL { root.appendingPathComponent("state") }
        /// The UI's default history file under `state`.
        var history: URL { state.appendingPathComponent("thrive-inspector/history.sqlite") }
        var uiState: URL { state.appendingPathComponent("thrive-inspector/ui-state.json") }

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("sharing-e2e-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: config.appendingPathComponent("thrive-inspector"), withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        }

        func remove() { try? FileManager.default.removeItem(at: root) }

        /// The environment for the binary: these folders, and no way out to the internet through a proxy.
        func environment(_ extra: [String: String] = [:]) -> [String: String] {
            var env = ["XDG_CONFIG_HOME": config.path, "XDG_STATE_HOME": state.path]
            for name in ["https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"] {
                env[name] = "http://127.0.0.1:9"
            }
            env["no_proxy"] = "127.0.0.1,localhost"
            env["NO_PROXY"] = "127.0.0.1,localhost"
            for (k, v) in extra { env[k] = v }
            return env
        }

        func write(_ text: String, to name: String, executable: Bool = false) throws -> URL {
            let url = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            if executable { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path) }
            return url
        }
    }

    // MARK: - Helpers

    /// A tmux command against the session's own server; nil output when tmux says no (no buffer yet).
    @discardableResult
    func tmux(_ t: TmuxSession, _ arguments: [String]) throws -> String? {
        let (status, output) = try Spawn.run(TmuxSession.tmuxPath ?? "/usr/bin/tmux", ["-L", t.socket] + arguments, captureOutput: true)
        return status == 0 ? output : nil
    }

    /// Polls tmux's newest paste buffer until `predicate` holds; records an issue with the last text when it never does.
    @discardableResult
    func waitForBuffer(_ t: TmuxSession, _ what: String, timeout: TimeInterval = 15,
                               sourceLocation: SourceLocation = #_sourceLocation, _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try tmux(t, ["show-buffer"]) ?? ""
            if predicate(last) { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record("timed out waiting for \(what) in the tmux buffer; it was:\n\(last)", sourceLocation: sourceLocation)
        return last
    }

    /// Polls a file until `predicate` holds for its text (nil while it does not exist).
    @discardableResult
    func waitForFile(_ url: URL, _ what: String, timeout: TimeInterval = 15,
                             sourceLocation: SourceLocation = #_sourceLocation, _ predicate: (String?) -> Bool) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        var last: String?
        while Date() < deadline {
            last = try? String(contentsOf: url, encoding: .utf8)
            if predicate(last) { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record("timed out waiting for \(what) in \(url.path); it held: \(last ?? "(no file)")", sourceLocation: sourceLocation)
        return last
    }

    /// A standalone sandbox as its own process, to stand in for a staging server; killed when `body` returns.
    func withSandbox(_ body: (Int) throws -> Void) throws {
        let (process, out, err) = try cli.launch(["sandbox", "--port", "0"])
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() } }
        let banner = try #require(out.waitForLine(), "no banner; stderr: \(err.text)")
        let port = try #require(banner.firstMatch(of: /127\.0\.0\.1:(\d+)\/api/).flatMap { Int($0.1) })
        try body(port)
    }

    /// `history --json` (and `history show ID --json`) on `file`, through the binary.
    func historyRows(_ folder: Folder, file: URL) throws -> [JSONValue] {
        let r = try BuiltBinary.run(["history", "--history", file.path, "--json"], environment: folder.environment())
        #expect(r.status == 0, "\(r.stderr)")
        return try #require(try JSONParser.parse(r.stdout).arrayValue, "\(r.stdout)")
    }

    func historyEntry(_ folder: Folder, file: URL, id: String) throws -> JSONValue {
        let r = try BuiltBinary.run(["history", "show", id, "--json", "--history", file.path], environment: folder.environment())
        #expect(r.status == 0, "\(r.stderr)")
        return try JSONParser.parse(r.stdout)
    }

    /// The theme named in the status line after `t`.
    func themeFromStatus(_ rows: [String]) -> String? {
        for row in rows {
            if let m = row.firstMatch(of: /theme: (\S+) \(remembered for the next start\)/) { return String(m.1) }
        }
        return nil
    }
}
