import Foundation
import TerminalScreen
import ThriveCore

/// Everything that can happen to the app: terminal input and the results of effects.
public enum Msg: Sendable {
    case terminal(TerminalEvent)
    /// The embedded sandbox bound its port; `faults` describes injected faults and latency, if any.
    case sandboxReady(port: Int, faults: String?)
    case sandboxFailed(String)
    /// The history file is open (after the first frame); `warning` says why history is kept in memory instead.
    case historyOpened(warning: String?)
    /// One attempt of a send finished (a 429 about to be retried, or the last one).
    case sendAttempt(id: UUID, attempt: Attempt)
    case sendFinished(id: UUID, report: SendReport)
    /// A timer the app started has fired.
    case timer(TimerID)
    /// The folder a `.listDirectory` asked for (as typed, `~/…` included) and its entries, folders ending in
    /// `/`; or why it could not be listed.
    case directoryListed(directory: String, result: Result<[String], EventImportError>)
    /// A file `.importFile` read: its events and what was set aside, or the line that says why it could not be read.
    case fileImported(path: String, result: Result<ImportedSet, EventImportError>)
    /// A replay's counts changed (a request ended, or it paused, resumed or was told to cancel).
    case replayProgress(id: UUID, ReplayCounts)
    /// Events of a replay reached a final state, by import number.
    case replayEvents(id: UUID, [Int: EventSendState])
    /// A request of a replay failed and is retried after `delay` seconds.
    case replayRetrying(id: UUID, reason: String, delay: Double)
    /// The replay ended: its last counts, whether it was cancelled, and why it stopped early if it failed (the
    /// history could not be written). Always the last message of a replay.
    case replayFinished(id: UUID, ReplayCounts, cancelled: Bool, failure: String?)
    /// A profile's settings, read for `p`: where it sends and its key, or why it cannot be used.
    case profileResolved(name: String, Result<Destination, UIError>)
    /// A file `.writeFile` or `.exportHistory` wrote (`what` is "curl snippet", "history"), or why not.
    case fileWritten(path: String, what: String, error: String?)
    /// The outside editor closed: the text it left, or why it could not run.
    case externalEditFinished(Result<String, UIError>)
}

/// A failure worded for the status line.
public struct UIError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Timers the app can run, one of each at a time: starting one again moves its deadline.
public enum TimerID: String, Sendable, Hashable {
    /// Animates the in-flight spinner.
    case spinner
    /// Runs the history search once typing pauses, so each key costs a keystroke, not a query.
    case historySearch
}

/// Work the update function asks for; the runner does it outside the pure core and answers with messages.
/// Everything the loop does that is not drawing is one of these.
public enum Effect: Sendable, Equatable {
    /// Starts the embedded sandbox; answered with `.sandboxReady` or `.sandboxFailed`.
    case startSandbox
    /// Waits for the history file to open; answered with `.historyOpened`.
    case awaitHistory
    /// Sends a request; any number may be in flight, each answered by id.
    case send(id: UUID, request: APIRequest)
    case cancelSend(id: UUID)
    /// Delivers `.timer(id)` after this many seconds.
    case startTimer(TimerID, after: Double)
    case cancelTimer(TimerID)
    /// Draws with another theme's colours from now on.
    case setTheme(String)
    case quit
    /// Give the terminal back and stop, as Ctrl-Z does in a cooked terminal; drawing resumes on `fg`.
    case suspend
    /// Lists a folder for the `o` prompt's Tab completion (`~` expanded by the runner); answered with `.directoryListed`.
    case listDirectory(String)
    /// Reads an event file with the import reader off the loop's thread; answered with `.fileImported`.
    case importFile(path: String)
    /// Replays events through the replay engine (history, journal, exactly once); answered with `.replayProgress`,
    /// `.replayEvents`, `.replayRetrying` and finally `.replayFinished`.
    case startReplay(id: UUID, BatchReplay)
    /// Stops starting new requests of a replay until `.resumeReplay`.
    case pauseReplay(id: UUID)
    case resumeReplay(id: UUID)
    /// Stops a replay: requests in flight end, the rest stays unsent (and resumable).
    case cancelReplay(id: UUID)
    /// Reads a profile's key (maybe by running its `key_command`); answered with `.profileResolved`.
    case resolveProfile(String)
    /// Puts text on the system clipboard with OSC 52 (works over SSH and inside tmux).
    case copyToClipboard(String)
    /// Writes text to a file (`~` expanded, replaced atomically); answered with `.fileWritten`.
    case writeFile(path: String, contents: String, what: String)
    /// Writes the whole history to a file in `format`; answered with `.fileWritten`.
    case exportHistory(path: String, format: HistoryExportFormat)
    /// Suspends the screen, opens `text` in $VISUAL / $EDITOR (a temporary file ending in `fileExtension`),
    /// and answers with `.externalEditFinished` once the editor exits.
    case editExternally(text: String, fileExtension: String)
    /// Remembers the theme for the next start (a state file, not the person's config.yaml).
    case rememberTheme(String)
}
