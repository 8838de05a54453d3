import Foundation
import TerminalScreen
import ThriveCore
import ThriveUI

/// The inspector's loop: reads input, applies messages with `update`, runs the effects, redraws.
///
/// It knows the terminal only through `TerminalBackend`, so the same loop runs on ncurses and, in tests,
/// on a `TestBackend` that scripts keys and reads screens. The first frame is drawn before anything slow
/// starts: the sandbox starts as the first effect and reports back through the mailbox.
public final class AppLoop {
    private var state: AppState
    private let backend: any TerminalBackend
    private let services: RuntimeServices
    private let mailbox: Mailbox
    private let runner: EffectRunner

    public init(state: AppState, backend: any TerminalBackend, services: RuntimeServices) {
        self.state = state
        self.backend = backend
        self.services = services
        mailbox = Mailbox(waker: backend.waker)
        runner = EffectRunner(services: services, mailbox: mailbox, backend: backend)
    }

    /// Runs until a `.quit` effect, then cancels what is in flight and restores the terminal.
    /// Blocks the calling thread, which must be the only one that touches the backend.
    public func run() {
        state.now = services.clock()
        backend.draw(render(state))
        runner.run(start(state))
        while !runner.quitRequested {
            let events = backend.nextEvents(timeout: runner.timeout())
            var messages = events.map(Msg.terminal) + mailbox.drain()
            messages += runner.takeDueTimers().map(Msg.timer)
            guard !messages.isEmpty else { continue }
            for msg in messages {
                // The clock is an input like any other: update reads it from the state, never from Date().
                state.now = services.clock()
                if case .sendFinished(let id, _) = msg { runner.finished(id) }
                if case .replayFinished(let id, _, _, _) = msg { runner.replayEnded(id) }
                runner.run(update(&state, msg))
                if runner.quitRequested { break }
            }
            if !runner.quitRequested { backend.draw(render(state)) }
        }
        runner.cancelAll()
        backend.shutdown()
    }
}
