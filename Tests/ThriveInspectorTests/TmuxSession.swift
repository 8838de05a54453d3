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
    /// With `interactiveShell`, the program is typed at an interactive bash (job control, for Ctrl-Z and `fg`).
    init(_ arguments: [String] = [], width: Int = 100, height: Int = 30, term: String = "xterm-256color",
         environment: [String: String] = [:], interactiveShell: Bool = false) throws {
        self.width = width
        self.height = height
        guard TmuxSession.tmuxPath != nil else {
            throw TmuxError("tmux is not installed; .ci/run installs it (apt-get install tmux)")
        }
        let config = FileManager.default.temporaryDirectory.appendingPathComponent("thrive-e2e-\(UUID().uuidString)")
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("thrive-e2e-state-\(UUID().uuidString)")
        // Later assignments win with env(1): a test that passes its own XDG_STATE_HOME gets it.
        var env = ["TERM=\(term)", "XDG_CONFIG_HOME=\(config.path)", "XDG_STATE_HOME=\(state.path)", "LANG=C.UTF-8"]
        env += environment.map { "\($0.key)=\($0.value)" }
        let program = ([BuiltBinary.url.path] + arguments).map(TmuxSession.quote).joined(separator: " ")
        // `env -u` drops a developer's real key so the UI starts on the sandbox; stty shows the mode after exit.
        let command = "env -u THRIVESTACK_API_KEY \(env.map(TmuxSession.quote).joined(separator: " ")) \(program)"
        let script = command + "; "
            + "echo EXIT:$?; stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' '; echo; sleep 600"
        if interactiveShell {
            try tmux(["-f", "/dev/null", "new-session", "-d", "-s", "main", "-x", String(width), "-y", String(height), "bash", "--norc", "-i"])
            // Only the program: typed as `a; echo …`, bash would run the echo as soon as Ctrl-Z stops `a`.
            try tmux(["send-keys", "-t", "main", "-l", command])
            try tmux(["send-keys", "-t", "main", "Enter"])
        } else {
            try tmux(["-f", "/dev/null", "new-session", "-d", "-s", "main", "-x", String(width), "-y", String(height), "sh", "-c", script])
        }
    }

    deinit { _ = try? tmux(["kill-server"]) }

    /// Keys in tmux's names: "Enter", "C-s", "F2", "Escape", "BSpace", or literal text with `literal: true`.
    func send(_ keys: String..., literal: Bool = false) throws {
        try tmux(["send-keys", "-t", "main"] + (literal ? ["-l"] : []) + keys)
    }

    /// Types text one key event per call; a short pause keeps a lone Escape from merging into Alt+key.
    func type(_ text: String) throws { try send(text, literal: true) }

    /// Pastes `text` as a terminal does: with `paste-buffer -p`, tmux wraps it in bracketed-paste markers
    /// when (and only when) the program switched bracketed paste on.
    func paste(_ text: String) throws {
        try tmux(["set-buffer", "-b", "e2e", "--", text])
        try tmux(["paste-buffer", "-p", "-b", "e2e", "-t", "main"])
    }

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
    /// The program's own pid: the child of this pane's shell (never a search over the whole machine, which
    /// could find another test's process).
    func programPID() throws -> pid_t? {
        let pane = try tmux(["display-message", "-p", "-t", "main", "#{pane_pid}"], capture: true).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let shell = pid_t(pane) else { return nil }
        let (_, children) = try Spawn.run("/usr/bin/pgrep", ["-P", String(shell)], captureOutput: true)
        return children.split(separator: "\n").compactMap { pid_t($0.trimmingCharacters(in: .whitespaces)) }.first
    }

    func waitForExit(timeout: TimeInterval = 15, sourceLocation: SourceLocation = #_sourceLocation) throws -> (status: Int?, modes: [String]) {
        // Only output lines count, not the command as typed at a shell: `EXIT:` then digits, and a line
        // made of nothing but mode words.
        func status(_ row: String) -> Int? {
            guard let r = row.range(of: "EXIT:") else { return nil }
            return Int(String(row[r.upperBound...].prefix { $0.isNumber }))
        }
        func modes(_ row: String) -> [String]? {
            let words = row.split(separator: " ").map(String.init)
            let known: Set<String> = ["icanon", "-icanon", "echo", "-echo"]
            return words.count == 2 && words.allSatisfy(known.contains) ? words : nil
        }
        let screen = try waitFor("the program to end", timeout: timeout, sourceLocation: sourceLocation) { rows in
            rows.contains { status($0) != nil } && rows.contains { modes($0) != nil }
        }
        return (screen.lazy.compactMap(status).first, screen.lazy.compactMap(modes).first ?? [])
    }

    /// Waits until `text` is on screen.
    @discardableResult
    func waitFor(text: String, timeout: TimeInterval = 15, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
        try waitFor("“\(text)”", timeout: timeout, sourceLocation: sourceLocation) { $0.contains { $0.contains(text) } }
    }

    @discardableResult
    private func tmux(_ arguments: [String], capture: Bool = false) throws -> String {
        // Only capture-pane's output is read; the rest goes to /dev/null, because `new-session` forks the
        // tmux server, which would otherwise inherit our pipe and hold it open.
        let (status, output) = try Spawn.run(TmuxSession.tmuxPath ?? "/usr/bin/tmux", ["-L", socket] + arguments,
                                             captureOutput: capture || arguments.first == "capture-pane")
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
