import Foundation
import TerminalScreen
import ThriveCore

/// The panes the user moves between with Tab.
public enum Pane: Int, Sendable, CaseIterable, Hashable {
    case templates, form, preview, history
}

/// A transient message at the bottom of the screen.
public struct StatusMessage: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case info, success, warning, error }
    public var text: String
    public var kind: Kind
    public init(_ text: String, _ kind: Kind = .info) { self.text = text; self.kind = kind }
}

/// Modal layers drawn over the panes.
public enum Overlay: Sendable, Equatable {
    /// Every key binding; its lines come from the keymap when it opens.
    case help(TextOverlay)
    /// Full request and response of a history entry.
    case detail(id: UUID, TextOverlay)
    /// What differs between two history entries (`m` on one, `=` on the other).
    case compare(a: UUID, b: UUID, TextOverlay)
    /// The draft has errors the API would reject: send anyway?
    case confirmSend(errors: [String])
    /// Loading this would replace a draft the user has changed: discard it?
    case confirmDiscard(PendingLoad)
    /// One row per event of the draft (`b`, and after an import of several events).
    case batch(BatchView)
    /// A yes/no question about a replay; `over` is the batch view to go back to after the answer.
    case question(ReplayQuestion, over: BatchView?)
    /// A list to pick from: the command palette, the profiles, the copy-as menu.
    case choices(ChoiceList)
    /// Text to read and scroll, such as every start-up problem (`!`); any other key closes it.
    case notes(title: String, TextOverlay)
}

/// The questions a replay asks before doing something that cannot be taken back.
public enum ReplayQuestion: Sendable, Equatable {
    /// `s` in the batch view with a LIVE target: "Send N events to LIVE …? (y/N, a: don't ask again this run)".
    case sendLive(events: Int)
    /// Ctrl-S on the draft with a LIVE target: the same question for the composer's send.
    case sendDraftLive(events: Int)
    /// Esc in the batch view while a replay runs.
    case cancelReplay
    /// `q` or Ctrl-C while a replay runs.
    case quit
}

/// A scrolling text overlay: its lines, worked out when it opens (or the width changes), and its scroll.
public struct TextOverlay: Sendable, Equatable {
    public var lines: OverlayLines
    public var scroll = ScrollState(.viewport)
    /// The `/` search over the lines, for overlays built with a search index (details, compare).
    public var search: TextSearch?
    public init(lines: [StyledLine]) { self.lines = OverlayLines(lines) }
    init(lines: OverlayLines) { self.lines = lines }
}

/// Something that replaces the draft, held while the user confirms.
public enum PendingLoad: Sendable, Equatable {
    case template(name: String)
    case replay(id: UUID)
    /// An imported file or paste; the set itself waits in `AppState.pendingImport`.
    case imported(name: String, events: Int)
}

/// A send that has not finished.
public struct InFlightSend: Sendable, Equatable {
    public var id: UUID
    public var startedAt: Date
    public var attempts: Int
    /// The history entry as recorded before the request left; finished from here, so a store that refused
    /// the row cannot lose the result on screen.
    public var entry: HistoryEntry
}

/// The whole state of the inspector. Pure data: `update` changes it, views read it.
public struct AppState: Sendable {
    public private(set) var size: Size
    /// Where each pane goes at this size; every scroll height comes from it.
    public private(set) var layout: Layout
    public var focus: Pane = .templates
    public var catalogue: TemplateCatalogue
    public var keymap: Keymap
    public var picker: PickerState
    public var composer: ComposerState
    /// The preview's lines, rebuilt only from what changed in the draft.
    public var preview = PreviewModel()
    public var history: HistoryPaneState
    /// Where sends go; the sandbox's port arrives in a message once it is bound.
    public var destination: Destination
    /// A start-up failure of the sandbox, shown in place of the port.
    public var sandboxError: String?
    public var overlay: Overlay?
    public var status: StatusMessage?
    public var themeName: String
    /// Theme names in cycling order (the runner owns the palettes).
    public var themeNames: [String]
    /// Sends that have not finished, by id. The composer sends one at a time; replays may run many.
    public var inFlight: [UUID: InFlightSend] = [:]
    public var spinnerFrame = 0
    /// The clock as the runner last set it: `update` reads time only from here.
    public var now: Date { didSet { composer.now = now } }
    /// Where new ids come from (the history entry of a send, UUIDs typed into fields).
    public var ids: IDSource
    /// The `o` path prompt, while it is open.
    public var openPrompt: OpenPrompt?
    /// What the current draft was imported from, with each event's send state; nil for other drafts.
    public var importedBatch: ImportedBatch?
    /// An API key that came with the last import: used only if the person presses `K`, never shown or stored.
    public internal(set) var foundKey: FoundKey?
    /// An import waiting for the answer to "discard your draft?".
    var pendingImport: PendingImport?
    /// The replay of the imported batch that is running, if any (one at a time).
    public internal(set) var replay: ReplayRun?
    /// Profiles `p` switches between, from config.yaml (with the built-in sandbox), and the one in use; nil is the
    /// command line's own choice (`--live`, `--base-url`, the default sandbox).
    public var profiles: [ProfileChoice] = []
    public var profileName: String?
    /// A profile switch waiting for its key to be read (a `key_command` may take a moment).
    public internal(set) var switchingProfile: String?
    /// The embedded sandbox's port once it is bound; kept while a profile sends elsewhere, for switching back.
    public internal(set) var sandboxPort: Int?
    /// Whether a send to LIVE asks first. `a` in that question turns it off until the program ends.
    public internal(set) var confirmLive = true
    /// Every problem found at start-up (config, themes, keymap, history); the status line shows the first.
    public var startupProblems: [String] = []
    /// True while the history file is still being opened: the pane shows only this run's sends, and `start` waits for it.
    public var historyOpening = false
    /// An outside edit (`e`) in progress.
    public internal(set) var externalEdit: ExternalEdit?
    /// True when the raw editor holds NDJSON an outside edit left unparsed, so the next `e` reopens it as NDJSON.
    var rawHoldsNDJSON = false

    public init(size: Size, catalogue: TemplateCatalogue, destination: Destination, themeName: String = "default-dark",
                themeNames: [String] = ["default-dark"], history: any HistoryStore = InMemoryHistoryStore(),
                keymap: Keymap = .standard, now: Date, ids: IDSource) {
        self.size = size
        layout = Layout(size: size)
        self.catalogue = catalogue
        self.keymap = keymap
        self.destination = destination
        self.themeName = themeName
        self.themeNames = themeNames
        self.now = now
        self.ids = ids
        picker = PickerState(catalogue: catalogue)
        self.history = HistoryPaneState(store: history)
        composer = ComposerState(catalogue: catalogue, now: now)
        if let first = catalogue.templates.first { withDrafts { c, drafts in c.load(template: first, drafts: drafts) } }
        syncDerived()
    }

    /// Shows the first start-up problem on the status line, saying how many more `!` lists.
    public mutating func showStartupProblems() {
        guard let first = startupProblems.first else { return }
        let more = startupProblems.count > 1 ? " (+\(startupProblems.count - 1) more: ! lists them)" : ""
        status = StatusMessage(first + more, .warning)
    }

    /// `SANDBOX 127.0.0.1:PORT`, `LIVE api.app.thrivestack.ai`, …
    public var badge: String {
        if case .sandbox(nil) = destination.target, sandboxError != nil { return "SANDBOX failed" }
        return destination.target.badge
    }

    /// The title's badge: the target, and the profile when one is in use (`LIVE api.app.thrivestack.ai · prod`).
    public var titleBadge: String { profileName.map { "\(badge) · \($0)" } ?? badge }

    /// The one interactive send in flight, if any.
    public var composerSend: InFlightSend? { inFlight.values.min { $0.startedAt < $1.startedAt } }

    /// A new terminal size: the layout and every scroll height follow.
    public mutating func resize(to newSize: Size) {
        size = newSize
        layout = Layout(size: newSize)
        syncDerived()
        if case .detail(let id, _)? = overlay { openDetail(id: id, keepScroll: true) }
        if case .compare(let a, let b, _)? = overlay { openCompare(a, b, keepScroll: true) }
    }

    /// Runs `body` with a draft factory that reads this state's clock and ids, and keeps the ids it used.
    mutating func withDrafts<T>(_ body: (inout ComposerState, DraftFactory) -> T) -> T {
        let lender = IDLender(ids)
        let now = self.now
        let drafts = DraftFactory(now: { now }, uuid: { lender.next() })
        let result = body(&composer, drafts)
        ids = lender.returned
        return result
    }

    /// Brings every cached view up to date with the state: the preview, and each scroll's count and height.
    /// Called at the end of every update, so views only read.
    mutating func syncDerived() {
        preview.sync(with: composer, destination: destination)
        composer.resizeForm(height: layout.formListHeight)
        preview.scroll.resize(count: preview.lineCount, height: layout.previewHeight)
        picker.resize(height: layout.templatesHeight - (picker.showsFilterLine ? 1 : 0))
        history.scroll.resize(count: history.count, height: layout.historyHeight - (history.showsSearchLine ? 1 : 0))
        history.loadWindow()
        switch overlay {
        case .help(var o)?:
            o.scroll.resize(count: o.lines.count, height: layout.helpModal(lines: o.lines.count).height - 2)
            overlay = .help(o)
        case .notes(let title, var o)?:
            o.scroll.resize(count: o.lines.count, height: layout.helpModal(lines: o.lines.count).height - 2)
            overlay = .notes(title: title, o)
        case .choices(var c)?:
            c.scroll.resize(count: c.shown.count, height: ChoiceListView.listHeight(c, layout))
            overlay = .choices(c)
        case .detail(let id, var o)?:
            o.scroll.resize(count: o.lines.count, height: o.textHeight(in: layout.detailModal))
            overlay = .detail(id: id, o)
        case .compare(let a, let b, var o)?:
            o.scroll.resize(count: o.lines.count, height: o.textHeight(in: layout.detailModal))
            overlay = .compare(a: a, b: b, o)
        case .batch(var v)?:
            v.scroll.resize(count: v.rows.count, height: BatchOverlay.listHeight(layout))
            overlay = .batch(v)
        case .question(let q, var v?)?:
            v.scroll.resize(count: v.rows.count, height: BatchOverlay.listHeight(layout))
            overlay = .question(q, over: v)
        default: break
        }
    }
}
