import Foundation
import TerminalScreen
import Testing
import ThriveCore
import ThriveNet
import ThriveRuntime
import ThriveSandbox
import ThriveUI

/// The real loop on its own thread with a `TestBackend`: a test types keys and waits for screens.
/// Waits are for a screen to appear, with a long limit, never fixed sleeps, so a loaded machine only
/// makes a test slower, not wrong.
final class LoopHarness: Sendable {
    let backend: TestBackend
    let sandbox: SandboxServer
    /// The store the history pane reads and replays write to (with an in-memory journal, as with --no-history).
    let history: InMemoryHistoryStore
    private let done = DispatchSemaphore(value: 0)

    /// `pending`, when given, is what the pane reads, opened after the first frame as the program does it.
    init(size: Size = Size(width: 100, height: 30), sandbox: SandboxServer = SandboxServer(),
         history: InMemoryHistoryStore = InMemoryHistoryStore(), pending: PendingHistoryStore? = nil) {
        backend = TestBackend(size: size)
        self.sandbox = sandbox
        self.history = history
        var state = AppState(size: size, catalogue: .builtIn(), destination: Destination(target: .sandbox(port: nil)),
                             themeName: "default-dark", themeNames: ["default-dark", "light"], history: pending ?? history,
                             now: Date(), ids: .seeded(42))
        state.historyOpening = pending != nil
        let server = sandbox
        let replay = ReplayServices(sender: HTTPSender(configuration: SenderConfiguration(timeout: 30, retry: .none)),
                                    history: pending ?? history, journal: pending ?? InMemoryReplayJournal(history: history))
        var opened: (@Sendable () async -> String?)?
        if let pending { opened = { await pending.opened() } }
        let services = RuntimeServices(sender: HTTPSender(), startSandbox: { (try await server.start(), nil) },
                                       palette: { name in Palette(name: name, paints: [:]) }, replay: replay,
                                       historyOpened: opened)
        let backend = self.backend, done = self.done, initial = state
        let thread = Thread {
            AppLoop(state: initial, backend: backend, services: services).run()
            done.signal()
        }
        thread.start()
    }

    /// Waits until the screen satisfies `condition`; records a failure with the last screen if it never does.
    @discardableResult
    func waitForScreen(_ what: String, timeout: Double = 30, sourceLocation: SourceLocation = #_sourceLocation,
                       _ condition: (String) -> Bool) async -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let text = backend.screenText, condition(text) { return text }
            try? await Task.sleep(for: .milliseconds(5))
        }
        let last = backend.screenText ?? "(nothing drawn)"
        Issue.record("timed out waiting for \(what); last screen:\n\(last)", sourceLocation: sourceLocation)
        return last
    }

    func waitForScreen(containing text: String, sourceLocation: SourceLocation = #_sourceLocation) async -> String {
        await waitForScreen("\"\(text)\"", sourceLocation: sourceLocation) { $0.contains(text) }
    }

    /// Quits the app and waits for the loop to end and restore the terminal.
    func quit() async {
        backend.press(.ctrl("c"))
        let deadline = Date().addingTimeInterval(30)
        while !backend.didShutDown, Date() < deadline { try? await Task.sleep(for: .milliseconds(5)) }
        #expect(backend.didShutDown, "the loop ended and shut the backend down")
        await sandbox.stop()
    }
}
