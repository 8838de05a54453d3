import Foundation
import TerminalScreen
import ThriveCore
import ThriveUI

/// What the loop needs from the world besides the terminal, injected so tests can run the real loop
/// against a real sandbox without a terminal, and the program can choose its HTTP client.
public struct RuntimeServices: Sendable {
    public var sender: any RequestSending
    /// Starts the embedded sandbox: its port, and a description of injected faults if any.
    public var startSandbox: @Sendable () async throws -> (port: Int, faults: String?)
    /// The colours of a theme by name, for `.setTheme`.
    public var palette: @Sendable (String) -> Palette?
    /// The wall clock; `update` sees it only as `state.now`, set before each message.
    public var clock: @Sendable () -> Date
    /// Lists a folder for Tab completion in the `o` prompt (folders end in `/`).
    public var listDirectory: @Sendable (String) -> Result<[String], EventImportError>
    /// Reads an event file for `o` (JSON, NDJSON, HAR, curl) through the one import reader.
    public var importFile: @Sendable (String) -> Result<ImportedSet, EventImportError>
    /// What the batch view's replays run with; nil answers every replay with a failure.
    public var replay: ReplayServices?
    /// Reads a profile by name (its key may come from a command): where it sends, or why it cannot.
    public var resolveProfile: @Sendable (String) -> Result<Destination, UIError>
    /// Keeps the theme for the next start.
    public var rememberTheme: @Sendable (String) -> Void
    /// Edits text on the terminal in the person's editor; the loop gives the terminal up meanwhile.
    public var editText: @Sendable (_ text: String, _ fileExtension: String) -> Result<String, UIError>
    /// Returns once the history file opened after the first frame is ready, with the line to show if it failed
    /// (`PendingHistoryStore.opened`); nil when the store was ready from the start.
    public var historyOpened: (@Sendable () async -> String?)?

    public init(sender: any RequestSending,
                startSandbox: @escaping @Sendable () async throws -> (port: Int, faults: String?),
                palette: @escaping @Sendable (String) -> Palette? = { _ in nil },
                clock: @escaping @Sendable () -> Date = { Date() },
                listDirectory: @escaping @Sendable (String) -> Result<[String], EventImportError> = FileEffects.list,
                importFile: @escaping @Sendable (String) -> Result<ImportedSet, EventImportError> = FileEffects.importFile,
                replay: ReplayServices? = nil,
                resolveProfile: @escaping @Sendable (String) -> Result<Destination, UIError> = { .failure(UIError("no profile \"\($0)\"")) },
                rememberTheme: @escaping @Sendable (String) -> Void = { _ in },
                editText: @escaping @Sendable (String, String) -> Result<String, UIError> = { text, ext in
                    OutsideEffects.edit(text, fileExtension: ext, editor: OutsideEffects.editorCommand(environment: ProcessInfo.processInfo.environment))
                },
                historyOpened: (@Sendable () async -> String?)? = nil) {
        self.sender = sender; self.startSandbox = startSandbox; self.palette = palette; self.clock = clock
        self.listDirectory = listDirectory; self.importFile = importFile; self.replay = replay
        self.resolveProfile = resolveProfile; self.rememberTheme = rememberTheme; self.editText = editText
        self.historyOpened = historyOpened
    }
}

/// What a replay from the batch view needs besides the request builder: a sender that does not retry (the
/// engine owns retries and their pacing), and the history and journal that make it exactly once and resumable.
/// Give it the same history store the UI's history pane reads, so the replay's requests show there.
public struct ReplayServices: Sendable {
    public var sender: any RequestSending
    public var history: any HistoryStore
    public var journal: any ReplayJournal

    public init(sender: any RequestSending, history: any HistoryStore, journal: any ReplayJournal) {
        self.sender = sender; self.history = history; self.journal = journal
    }
}
