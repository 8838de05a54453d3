import Foundation
import Testing
import ThriveTestSupport

/// The real binary in tmux against its embedded sandbox, as a person would use it.
@Suite("End to end in tmux", .serialized)
struct EndToEndTests {
    /// The first frame, with the sandbox bound: everything below starts from here.
    private func started(_ args: [String] = [], width: Int = 100, height: Int = 30, term: String = "xterm-256color") throws -> TmuxSession {
        let t = try TmuxSession(args, width: width, height: height, term: term)
        try t.waitFor(text: "sandbox ready on 127.0.0.1:")
        return t
    }

    @Test func pickSignedUpFillTheEmailSendAndSeeA200() throws {
        let t = try started(width: 120, height: 36)
        let first = try t.screen()
        #expect(first[0].contains("SANDBOX 127.0.0.1:"), "the title bar says where requests go")
        // Templates pane: filter to signed_up, pick it; the form opens on its first field to type into.
        try t.send("/")
        try t.type("signed_up")
        try t.send("Enter")
        try t.waitFor(text: "new signed_up draft")
        try t.send("Enter")
        try t.send("C-u")
        try t.type("e2e@example.com")
        try t.send("Enter")
        try t.waitFor("the email in the form and the preview") { rows in
            rows.contains { $0.contains("user_email") && $0.contains("e2e@example.com") && $0.contains("\"user_email\": \"e2e@example.com\"") }
        }
        try t.send("C-s")
        let screen = try t.waitFor("a 200 row in the history pane") { rows in
            rows.contains { $0.contains("200 OK") && $0.contains("signed_up") }
        }
        #expect(screen.contains { $0.contains("200 OK in") }, "the status line reports the answer")

        // Enter on the row shows the request and the sandbox's answer (history is two panes after the form).
        try t.send("Tab", "Tab")
        try t.send("Enter")
        try t.waitFor(text: "\"eventId\": \"evt_")
        try t.escape()

        try t.send("q")
        let (status, modes) = try t.waitForExit()
        #expect(status == 0)
        #expect(modes.contains("icanon") && modes.contains("echo"), "line editing and echo are back after quit: \(modes)")
        #expect(try !t.screen().contains { $0.contains("┌ History") }, "the UI left the alternate screen")
    }

    /// The bare command skips the parser (`UICommand.runWithoutArguments`): it must open the very screen `ui` opens,
    /// with the same defaults (sandbox, theme, history, templates), whatever the port the sandbox got.
    @Test func theBareCommandOpensWhatUIOpens() throws {
        func firstScreen(_ args: [String]) throws -> [String] {
            let t = try started(args)
            let screen = try t.waitFor(text: "SANDBOX 127.0.0.1:")
            try t.send("q")
            // The port, the draft's fresh user_id and its timestamp differ from launch to launch.
            return screen.map {
                [(#"127\.0\.0\.1:\d+"#, "127.0.0.1:PORT"), (#"[0-9a-f]{8}-[0-9a-f-]*"#, "UUID"), (#"\d{4}-\d\d-\d\dT[0-9:.]*"#, "TIME")]
                    .reduce($0) { $0.replacingOccurrences(of: $1.0, with: $1.1, options: .regularExpression) }
            }
        }
        let bare = try firstScreen([]), ui = try firstScreen(["ui"])
        #expect(bare.contains { $0.contains("signed_up") })
        #expect(bare == ui)
    }

    @Test func aPasteIsTextAndABurstIsKeys() throws {
        let t = try started(width: 120, height: 36)
        // Ten j in one write arrive in one read: each moves the template list one row.
        try t.type("jjjjjjjjjj")
        try t.waitFor(text: "› user_enriched")
        try t.send("g", "Enter")
        try t.waitFor(text: "new signed_up draft")
        try t.send("Enter")
        try t.send("C-u")
        // A pasted newline is text in the field (a space), never Enter; the field stays open.
        try t.paste("pasted@example.com\nq")
        try t.waitFor("the pasted text in the field") { rows in rows.contains { $0.contains("pasted@example.com q") } }
        #expect(try !t.screen().contains { $0.contains("user_email set") }, "the pasted newline did not commit the field")
        try t.send("Escape")
        try t.send("Tab", "Tab")
        // Outside a field a paste does nothing but say so: its newlines press nothing.
        try t.paste("d\nd\n")
        try t.waitFor(text: "paste ignored")
        try t.send("q")
        #expect(try t.waitForExit().status == 0)
    }

    @Test func nothingListeningGivesAConnectionRefusedRow() throws {
        let port = try closedPort()
        let t = try TmuxSession(["--base-url", "http://127.0.0.1:\(port)/api"])
        try t.waitFor(text: "CUSTOM 127.0.0.1:\(port)")
        try t.send("C-s")
        let screen = try t.waitFor("a refused row") { rows in rows.contains { $0.contains(" refused ") } }
        #expect(screen.contains { $0.contains("connection refused") })
        try t.send("q")
        #expect(try t.waitForExit().status == 0)
    }

    @Test func theScreenStaysLiveWhileARequestHangsAndEscCancelsIt() throws {
        let t = try TmuxSession(["--fault", "hang:1"])
        try t.waitFor(text: "with faults: hang:1")
        try t.send("C-s")
        try t.waitFor(text: "Esc cancels")
        // While the request hangs, keys still work: open and close the help.
        try t.send("?")
        try t.waitFor(text: "Help: keys")
        try t.send("?")
        try t.escape()
        let screen = try t.waitFor("a cancelled row") { rows in rows.contains { $0.contains(" cancelled ") } }
        #expect(screen.contains { $0.contains("request cancelled") })
        try t.send("q")
        #expect(try t.waitForExit().status == 0)
    }

    @Test func brokenRawJSONShowsWhereAndKeepsTheText() throws {
        let t = try started()
        try t.send("Enter")  // a signed_up draft, focus on the form
        try t.send("F2")
        try t.waitFor(text: "Raw JSON")
        try t.type("x")      // the cursor starts at the top: `x[` does not parse
        var screen = try t.waitFor(text: "✗ 1:1")
        #expect(screen.contains { $0.contains("line 1, column 1") })
        #expect(screen.contains { $0.contains("x[") }, "the typed text is kept as typed")
        try t.send("F2")     // back to the form is refused while it does not parse
        screen = try t.waitFor(text: "fix the JSON first")
        #expect(screen.contains { $0.contains("x[") })
        try t.send("BSpace")
        try t.waitFor(text: "✓ parses")
        try t.send("F2")
        try t.waitFor(text: "Form: signed_up")
        try t.send("q")
        #expect(try t.waitForExit().status == 0)
    }

    @Test func resizeRedrawsAtTheNewSizeAndBelowTheMinimum() throws {
        let t = try started()
        try t.resize(width: 80, height: 24)
        // One condition over one capture: the frame is redrawn in pieces, so top and bottom rows are checked together.
        var screen = try t.waitFor("a frame 80 columns wide with the footer on the last row") { rows in
            rows.count >= 24 && rows[1].hasPrefix("┌ Templates") && rows[1].hasSuffix("┐") && rows[1].count == 80
                && rows[23].contains("quit")
        }
        try t.resize(width: 50, height: 12)
        try t.waitFor(text: "Terminal too small")
        try t.resize(width: 120, height: 40)
        screen = try t.waitFor("a frame 120 columns wide") { rows in rows.count >= 40 && rows[1].count == 120 && rows[39].contains("quit") }
        #expect(screen[0].contains("SANDBOX 127.0.0.1:"))
        try t.send("q")
        #expect(try t.waitForExit().status == 0)
    }

    @Test(arguments: ["xterm-256color", "screen-256color", "xterm", "vt100", "linux"])
    func startsAndQuitsCleanlyUnder(term: String) throws {
        let t = try started(term: term)
        let screen = try t.screen()
        #expect(screen[0].contains("thrive-inspector"))
        #expect(screen.contains { $0.contains("Templates") })
        try t.send("q")
        let (status, modes) = try t.waitForExit()
        #expect(status == 0)
        #expect(modes.contains("icanon") && modes.contains("echo"), "\(modes)")
    }

    @Test func ctrlZSuspendsToTheShellAndFgBringsTheUIBack() throws {
        let t = try TmuxSession(interactiveShell: true)
        try t.waitFor(text: "sandbox ready on 127.0.0.1:")
        try t.send("C-z")
        try t.waitFor(text: "Stopped")
        try t.type("fg")
        try t.send("Enter")
        try t.waitFor("the UI redrawn after fg") { rows in rows.contains { $0.contains("┌ Templates") } && rows.last { !$0.isEmpty }?.contains("quit") == true }
        try t.send("C-s")
        try t.waitFor(text: "200 OK in")
        try t.send("q")
        try t.waitFor("the UI gone") { rows in !rows.contains { $0.contains("┌ Templates") } }
        try t.type("echo DONE:$?")
        try t.send("Enter")
        try t.waitFor(text: "DONE:0")
    }

    /// Killed, hung up on, or crashed: the terminal comes back in cooked mode and the shell sees the signal.
    @Test(arguments: [(SIGTERM, 143), (SIGHUP, 129), (SIGSEGV, 139)])
    func aFatalSignalRestoresTheTerminal(signal: Int32, status: Int) throws {
        // The Swift backtracer would stop to ask for a key on a crash; this test is about the tty, not it.
        let t = try TmuxSession(environment: ["SWIFT_BACKTRACE": "enable=no"])
        try t.waitFor(text: "sandbox ready on 127.0.0.1:")
        let pid = try #require(try t.programPID())
        kill(pid, signal)
        let (exit, modes) = try t.waitForExit()
        #expect(exit == status, "dies of the signal, as the shell expects")
        #expect(modes.contains("icanon") && modes.contains("echo"), "tty mode restored: \(modes)")
        #expect(try !t.screen().contains { $0.contains("┌ Templates") }, "the alternate screen is gone")
    }

    /// A real crash (a Swift runtime trap on another thread) restores the terminal, says where the report is,
    /// writes it there, and ends the process: nothing waits for a key.
    @Test func aCrashRestoresTheTerminalWritesAReportAndExits() throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("crash-state-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: state) }
        let t = try TmuxSession(["--crash-for-test"], environment: ["XDG_STATE_HOME": state.path])
        // Symbolicating a debug build takes a while on a loaded machine; it must still end by itself.
        let (exit, modes) = try t.waitForExit(timeout: 120)
        #expect(exit == 132, "dies of SIGILL, the trap of a Swift runtime error")
        #expect(modes.contains("icanon") && modes.contains("echo"), "tty mode restored: \(modes)")
        let screen = try t.screen().joined()  // rows joined: the long line wraps at the pane's width
        let folder = state.appendingPathComponent("thrive-inspector/crashes")
        #expect(screen.contains("thrive-inspector crashed. The report is in \(folder.path)"), "\(screen)")
        let reports = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        let report = try #require(reports.first, "a report file in \(folder.path)")
        let text = try String(contentsOf: folder.appendingPathComponent(report), encoding: .utf8)
        #expect(text.contains("Program crashed"))
    }

    #if os(Linux)
    /// The runtime is linked in, so it is pointed at the backtracer of the toolchain that built the program: a crash
    /// still has its backtrace with no `swift` on PATH, and the command line still reaches the program.
    @Test func aCrashWithNoSwiftOnPathStillHasItsBacktrace() throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("crash-state-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: state) }
        let t = try TmuxSession(["--crash-for-test"], environment: ["XDG_STATE_HOME": state.path, "PATH": "/nonexistent-\(UUID().uuidString)"])
        let (exit, modes) = try t.waitForExit(timeout: 120)
        #expect(exit == 132, "the crash flag was parsed and the program died of SIGILL")
        #expect(modes.contains("icanon") && modes.contains("echo"), "tty mode restored: \(modes)")
        let folder = state.appendingPathComponent("thrive-inspector/crashes")
        let report = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first)
        let text = try String(contentsOf: folder.appendingPathComponent(report), encoding: .utf8)
        #expect(text.contains("Program crashed"), "\(text)")
    }

    /// A person's own SWIFT_BACKTRACE still decides how the backtrace looks; the backtracer's path is added to it
    /// (after a comma only where one is needed: the runtime reads a key up to the next `=`, commas included).
    @Test(arguments: ["interactive=no,color=no", "interactive=no,color=no,"])
    func aPersonsBacktraceSettingGetsTheBacktracerToo(setting: String) throws {
        let t = try TmuxSession(["--crash-for-test"], width: 120, height: 40,
                                environment: ["SWIFT_BACKTRACE": setting, "PATH": "/nonexistent-\(UUID().uuidString)"])
        let (exit, _) = try t.waitForExit(timeout: 120)
        #expect(exit == 132)
        let screen = try t.screen().joined(separator: "\n")
        #expect(screen.contains("Backtrace took"), "the backtracer ran and finished: \(screen)")
    }
    #endif
}
