import Foundation
import ProcessSpawn
import Testing

/// The real binary running in a detached tmux session: type with `send-keys`, read with `capture-pane`.
///
/// Each session has its own tmux server socket, so tests never see each other's panes or the user's tmux.
/// The program runs under `sh`, which prints `EXIT:<status>` and the tty mode when it ends, so a test can
/// tell that the terminal was given back in its normal (cooked, echoing) state.
final class TmuxSession {
    let socket = "thrive-e2e-\(UUID().uuidString.prefix(8))"
    private(set) var width: Int
    private(set) var height: Int

    /// Starts `thrive-inspector ARGS` in a `width`×`height` pane with `TERM` set as given.
    init(_ arguments: [String] = [], width: Int = 100, height: Int = 30, term: String = "xterm-256color",
         environment: [String: String] = [:]) throws {
        self.width = width
        self.height = height
        guard TmuxSession.tmuxPath != nil else {
            throw TmuxError("tmux is not installed; .ci/run installs it (apt-get install tmux)")
        }
        let config = FileManager.default.temporaryDirectory.appendingPathComponent("thrive-e2e-\(UUID().uuidString)")
        var env = ["TERM=\(term)", "XDG_CONFIG_HOME=\(config.path)", "LANG=C.UTF-8"]
        env += environment.map { "\($0.key)=\($0.value)" }
        let program = ([BuiltBinary.url.path] + arguments).map(TmuxSession.quote).joined(separator: " ")
        // `env -u` drops a developer's real key so the UI starts on the sandbox; stty shows the mode after exit.
        let script = "env -u THRIVESTACK_API_KEY \(env.map(TmuxSession.quote).joined(separator: " ")) \(program); "
            + "echo EXIT:$?; stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' '; echo; sleep 600"
        try tmux(["-f", "/dev/null", "new-session", "-d", "-s", "main", "-x", String(width), "-y", String(height), "sh", "-c", script])
    }

    deinit { _ = try? tmux(["kill-server"]) }

    /// Keys in tmux's names: "Enter", "C-s", "F2", "Escape", "BSpace", or literal text with `literal: true`.
    func send(_ keys: String..., literal: Bool = false) throws {
        try tmux(["send-keys", "-t", "main"] + (literal ? ["-l"] : []) + keys)
    }

    /// Types text one key event per call; a short pause keeps a lone Escape from merging into Alt+key.
    func type(_ text: String) throws { try send(text, literal: true) }

    func escape() throws {
        try send("Escape")
        Thread.sleep(forTimeInterval: 0.15)
    }

    /// The visible screen, one string per row.
    func screen() throws -> [String] {
        let text = try tmux(["capture-pane", "-t", "main", "-p"])
        return text.components(separatedBy: "\n")
    }

    func resize(width: Int, height: Int) throws {
        self.width = width
        self.height = height
        try tmux(["resize-window", "-t", "main", "-x", String(width), "-y", String(height)])
    }

    /// Polls the screen until `predicate` holds; records an issue with the last screen when it never does.
    @discardableResult
    func waitFor(_ what: String, timeout: TimeInterval = 15, sourceLocation: SourceLocation = #_sourceLocation,
                 _ predicate: ([String]) -> Bool) throws -> [String] {
        let deadline = Date().addingTimeInterval(timeout)
        var last: [String] = []
        while Date() < deadline {
            last = try screen()
            if predicate(last) { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record("timed out waiting for \(what); the screen was:\n\(last.joined(separator: "\n"))", sourceLocation: sourceLocation)
        return last
    }

    /// After the program ends: its exit status and the tty mode words (`icanon`, `echo`, or `-icanon`…)
    /// that the shell printed, waiting until both are on screen.
    func waitForExit(sourceLocation: SourceLocation = #_sourceLocation) throws -> (status: Int?, modes: [String]) {
        let screen = try waitFor("the program to end", sourceLocation: sourceLocation) { rows in
            rows.contains { $0.contains("EXIT:") } && rows.contains { $0.contains("icanon") && $0.contains("echo") }
        }
        let exitLine = screen.first { $0.contains("EXIT:") } ?? ""
        let status = exitLine.components(separatedBy: "EXIT:").last.flatMap { Int(String($0.prefix { $0.isNumber })) }
        let modes = (screen.first { $0.contains("icanon") } ?? "").split(separator: " ").map(String.init)
        return (status, modes)
    }

    /// Waits until `text` is on screen.
    @discardableResult
    func waitFor(text: String, timeout: TimeInterval = 15, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
        try waitFor("“\(text)”", timeout: timeout, sourceLocation: sourceLocation) { $0.contains { $0.contains(text) } }
    }

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        // Only capture-pane's output is read; the rest goes to /dev/null, because `new-session` forks the
        // tmux server, which would otherwise inherit our pipe and hold it open.
        let (status, output) = try Spawn.run(TmuxSession.tmuxPath ?? "/usr/bin/tmux", ["-L", socket] + arguments,
                                             captureOutput: arguments.first == "capture-pane")
        guard status == 0 || arguments == ["kill-server"] else {
            throw TmuxError("tmux \(arguments.joined(separator: " ")) failed with status \(status)")
        }
        return output
    }

    static let tmuxPath: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}

struct TmuxError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
