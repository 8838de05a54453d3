import Foundation
import ThriveCore

/// Where one event of an imported batch stands in a send or replay. Kept by event number so the replay engine
/// can report progress without knowing where the event sits in the draft.
public enum EventSendState: Sendable, Equatable {
    case notSent
    case queued
    case accepted
    /// The API (or the network) refused it; the reason as the history would say it.
    case rejected(reason: String)
    /// Not sent because the same target already accepted it (found by fingerprint in the history).
    case skipped(acceptedOn: Date)
    /// Not sent: the event has a validation error the API would reject.
    case invalid(reason: String)
    /// Sent, but the connection dropped before the answer: it may or may not have arrived.
    case unknown(reason: String)

    /// The batch view's words for the state.
    public var words: String {
        switch self {
        case .notSent: return "not sent"
        case .queued: return "queued"
        case .accepted: return "accepted"
        case .rejected(let reason): return "rejected: \(reason)"
        case .skipped(let date): return "skipped (\(Timestamp.formatDate(date)))"
        case .invalid(let reason): return "not sent: \(reason)"
        case .unknown(let reason): return "unknown: \(reason)"
        }
    }
}

/// Where one event of the draft came from: its number in the imported set and its place in the file.
public struct EventSource: Sendable, Equatable {
    public var number: Int
    public var position: SourcePosition

    public init(number: Int, position: SourcePosition) { self.number = number; self.position = position }

    /// "event 13 (line 13)": how the UI names an imported event everywhere.
    public var label: String { position.shortWords.map { "event \(number) (\($0))" } ?? "event \(number)" }
    /// "13 · line 13": the batch view's first column.
    public var shortLabel: String { position.shortWords.map { "\(number) · \($0)" } ?? "\(number)" }
}

/// An API key that came with pasted or imported text. Held in memory only and used only when the person asks
/// (`K`); its descriptions never show it, so a state printed in a log or a failed test cannot leak it.
public struct FoundKey: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    let value: String
    init(_ value: String) { self.value = value }
    public var description: String { "(an API key that came with the import)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}

/// What the current draft was imported from: its name as the UI says it, what was set aside, and the send
/// state of each event by number (every event starts `notSent`; the replay engine will fill the map).
public struct ImportedBatch: Sendable {
    /// `export.ndjson`, `the pasted curl`.
    public var name: String
    public var problems: [ImportProblem]
    public var sendStates: [Int: EventSendState] = [:]

    public init(name: String, problems: [ImportProblem]) { self.name = name; self.problems = problems }

    public func sendState(of number: Int) -> EventSendState { sendStates[number] ?? .notSent }
}

/// Where an import came from, for the status line and the discard question.
public enum ImportOrigin: Sendable, Equatable {
    case file(path: String)
    case paste(ImportFormat)

    /// `export.ndjson` (the last part of the path), `the pasted curl`.
    public var name: String {
        switch self {
        case .file(let path): return path.split(separator: "/").last.map(String.init) ?? path
        case .paste(.curl): return "the pasted curl"
        case .paste(.ndjson): return "the pasted NDJSON"
        case .paste(.har): return "the pasted HAR"
        case .paste(.json): return "the pasted JSON"
        }
    }
}

/// An import that arrived over a changed draft, held (with any key it carried) while the person answers.
struct PendingImport: Sendable {
    var set: ImportedSet
    var origin: ImportOrigin
}

/// The `o` prompt: a path typed at the bottom of the screen, with Tab completion from directory listings.
public struct OpenPrompt: Sendable, Equatable {
    public var editor = LineEditor(text: "")
    /// Tabs pressed in a row: the second one with nothing left to complete lists the candidates.
    var tabs = 0
    /// The text a listing was asked for: an answer for any other text is stale and dropped.
    var awaiting: String?
    /// What Enter does with the path.
    public var purpose: PromptPurpose = .open

    public init(text: String = "", purpose: PromptPurpose = .open) { editor = LineEditor(text: text); self.purpose = purpose }
}

/// What the path prompt is for: opening an event file, or saving something to one.
public enum PromptPurpose: Sendable, Equatable {
    case open
    /// Save text (a copy-as snippet); `what` names it in messages.
    case save(contents: String, what: String)
    case exportHistory(HistoryExportFormat)

    /// The prompt's label and its Enter word.
    var words: (label: String, enter: String) {
        switch self {
        case .open: return ("Open file", "opens")
        case .save: return ("Save as", "saves")
        case .exportHistory: return ("Export to", "writes")
        }
    }
}

/// The batch view: one row per event of the draft, all or only those with errors.
public struct BatchView: Sendable, Equatable {
    public var errorsOnly = false
    /// Indices of the draft's events shown, in order.
    public var rows: [Int] = []
    public var scroll = ScrollState(.list)
    /// Events with an error and with only warnings, counted when the rows are worked out.
    public var errorEvents = 0
    public var warningEvents = 0

    public init() {}

    /// The event index of the selected row.
    public var selectedEvent: Int? { rows.indices.contains(scroll.selection) ? rows[scroll.selection] : nil }
}
