import Foundation
import TerminalScreen
import ThriveCore
import ThriveNet

/// Everything that can happen to the app: terminal input and the results of effects.
public enum Msg: Sendable {
    case terminal(TerminalEvent)
    /// The embedded sandbox bound its port; `faults` describes injected faults and latency, if any.
    case sandboxReady(port: Int, faults: String?)
    case sandboxFailed(String)
    /// One attempt of a send finished (a 429 about to be retried, or the last one).
    case sendAttempt(id: UUID, attempt: Attempt)
    case sendFinished(id: UUID, report: SendReport)
    /// A timer the app asked for fired (spinner frames, status expiry).
    case tick(Date)
}

/// Work the update function asks for; the runner does it outside the pure core and answers with messages.
public enum Effect: Sendable, Equatable {
    case send(id: UUID, request: APIRequest)
    case cancelSend(id: UUID)
    /// Deliver `.tick` after this many seconds.
    case tick(after: Double)
    case quit
    /// Give the terminal back and stop, as Ctrl-Z does in a cooked terminal; drawing resumes on `fg`.
    case suspend
}
