import Foundation
import NcursesBackend
import TerminalScreen
import ThriveConfig
import ThriveCore
import ThriveNet
import ThriveSandbox
import ThriveUI

/// The full-screen inspector: one loop that reads input, applies messages with `update`, runs effects and redraws.
///
/// The first frame is drawn before anything slow starts: the sandbox binds in the background and reports back.
enum TUIApp {
    static func run(settings: Settings, themes: ThemeSet, catalogue: TemplateCatalogue,
                    sandbox sandboxConfiguration: SandboxConfiguration = SandboxConfiguration()) async throws {
        let waker: Waker
        do { waker = try Waker() } catch { throw CLIError("\(error)") }
        let mailbox = Mailbox(waker: waker)
        let (initialTheme, themeProblem) = themes.initialTheme(preferred: settings.theme)
        var theme = initialTheme
        let terminal: NcursesTerminal
        do { terminal = try NcursesTerminal(palette: theme.palette) } catch { throw CLIError("\(error)") }
        defer { terminal.shutdown() }

        var state = AppState(size: terminal.size(), catalogue: catalogue, target: targetState(settings),
                             themeName: theme.name, themeNames: themes.themes.map(\.name))
        let noKey = settings.target != .sandbox && settings.apiKey == nil
            ? ["no API key: requests will be answered 401 (set THRIVESTACK_API_KEY or --api-key-file)"] : []
        let problems = noKey + (themeProblem.map { [$0] } ?? []) + themes.problems + catalogue.loadProblems
        if let first = problems.first {
            state.status = StatusMessage(first + (problems.count > 1 ? " (+\(problems.count - 1) more)" : ""), .warning)
        }
        terminal.draw(render(state))

        var sandbox: SandboxServer?
        if settings.target == .sandbox {
            let server = SandboxServer(configuration: sandboxConfiguration)
            let faults = sandboxConfiguration.faults.map(\.description) + (sandboxConfiguration.latency.map { ["latency \($0)"] } ?? [])
            let faultNote = faults.isEmpty ? nil : "faults: " + faults.joined(separator: ", ")
            sandbox = server
            Task.detached {
                do { mailbox.post(.sandboxReady(port: try await server.start(), faults: faultNote)) } catch {
                    mailbox.post(.sandboxFailed("\(error)"))
                }
            }
        }
        let runner = EffectRunner(sender: URLSessionSender(), mailbox: mailbox)
        while !runner.quitRequested {
            let events = terminal.nextEvents(timeout: runner.timeout(), waker: waker)
            var messages = events.map(Msg.terminal) + mailbox.drain()
            if runner.takeDueTick() { messages.append(.tick(Date())) }
            guard !messages.isEmpty else { continue }
            for msg in messages {
                // The clock is an input like any other: update reads it from the state, never from Date().
                state.now = Date()
                if case .sendFinished(let id, _) = msg { runner.forget(id) }
                runner.run(update(&state, msg))
                if runner.quitRequested { break }
            }
            if runner.suspendRequested {
                runner.suspendRequested = false
                terminal.suspend()  // returns after `fg`; it queues a resize so the next frame repaints everything
            }
            if state.themeName != theme.name, let t = themes.named(state.themeName) {
                theme = t
                terminal.setPalette(t.palette)
            }
            terminal.draw(render(state))
        }
        runner.cancelAll()
        terminal.shutdown()
        await sandbox?.stop()
    }

    static func targetState(_ s: Settings) -> TargetState {
        switch s.target {
        // The real key never goes to the sandbox; it gets a placeholder.
        case .sandbox: return TargetState(kind: .sandbox(port: nil), auth: s.auth, apiKey: nil)
        case .live: return TargetState(kind: .live, auth: s.auth, apiKey: s.apiKey?.value)
        case .custom(let u): return TargetState(kind: .custom(u), auth: s.auth, apiKey: s.apiKey?.value)
        }
    }
}
