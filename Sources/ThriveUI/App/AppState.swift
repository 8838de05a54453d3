import Foundation
import TerminalScreen
import ThriveCore

/// The panes the user moves between with Tab.
public enum Pane: Int, Sendable, CaseIterable, Hashable {
    case templates, form, preview, history
}

/// What the app targets, for the title badge and for building requests.
public struct TargetState: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Embedded sandbox: nil port while it is still binding.
        case sandbox(port: Int?)
        case live
        case custom(URL)
    }
    public var kind: Kind
    public var auth: AuthStyle
    /// The API key: kept in memory only, never rendered or stored in history.
    public var apiKey: String?
    /// A start-up failure of the sandbox, shown in place of the port.
    public var sandboxError: String?

    public init(kind: Kind, auth: AuthStyle = .apiKey, apiKey: String? = nil) {
        self.kind = kind; self.auth = auth; self.apiKey = apiKey
    }

    /// `SANDBOX 127.0.0.1:PORT`, `LIVE api.app.thrivestack.ai`, …
    public var badge: String {
        switch kind {
        case .sandbox(let port?): return Target.sandbox(port: port).badge
        case .sandbox(nil): return sandboxError == nil ? "SANDBOX starting…" : "SANDBOX failed"
        case .live: return Target.live.badge
        case .custom(let url): return Target.custom(url).badge
        }
    }

    public var isLive: Bool { if case .live = kind { return true }; return false }

    /// The request builder, or nil while the sandbox has no port yet.
    public var builder: RequestBuilder? {
        switch kind {
        case .sandbox(let port?): return RequestBuilder(target: .sandbox(port: port), auth: auth, apiKey: apiKey ?? "sandbox")
        case .sandbox(nil): return nil
        case .live: return RequestBuilder(target: .live, auth: auth, apiKey: apiKey)
        case .custom(let url): return RequestBuilder(target: .custom(url), auth: auth, apiKey: apiKey)
        }
    }

    /// A builder for display before the sandbox is up (the URL shows port 0 until then).
    public var previewBuilder: RequestBuilder {
        builder ?? RequestBuilder(target: .sandbox(port: 0), auth: auth, apiKey: apiKey ?? "sandbox")
    }
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
    case help(scroll: Int)
    /// Full request and response of a history entry.
    case detail(id: UUID, scroll: Int)
    /// The draft has errors the API would reject: send anyway?
    case confirmSend(errors: [String])
    /// Loading this would replace a draft the user has changed: discard it?
    case confirmDiscard(PendingLoad)
}

/// Something that replaces the draft, held while the user confirms.
public enum PendingLoad: Sendable, Equatable {
    case template(name: String)
    case replay(id: UUID)
}

/// The whole state of the inspector. Pure data: `update` changes it, views read it.
public struct AppState: Sendable {
    public var size: Size
    public var focus: Pane = .templates
    public var catalogue: TemplateCatalogue
    public var picker: PickerState
    public var composer: ComposerState
    public var history: HistoryPaneState
    public var target: TargetState
    public var overlay: Overlay?
    public var status: StatusMessage?
    public var themeName: String
    /// Theme names in cycling order (the runner owns the palettes).
    public var themeNames: [String]
    /// The send in flight, if any (one at a time keeps replays from racing).
    public var inFlight: InFlightSend?
    public var spinnerFrame = 0
    public var now: Date
    public var quitting = false

    public init(size: Size, catalogue: TemplateCatalogue, target: TargetState, themeName: String = "default-dark",
                themeNames: [String] = ["default-dark"], history: any HistoryStore = InMemoryHistoryStore(),
                now: Date = Date(), drafts: DraftFactory = DraftFactory()) {
        self.size = size
        self.catalogue = catalogue
        self.target = target
        self.themeName = themeName
        self.themeNames = themeNames
        self.now = now
        picker = PickerState()
        self.history = HistoryPaneState(store: history)
        composer = ComposerState(catalogue: catalogue, drafts: drafts)
        if let first = catalogue.templates.first { composer.load(template: first) }
    }
}

/// A send that has not finished.
public struct InFlightSend: Sendable, Equatable {
    public var id: UUID
    public var startedAt: Date
    public var attempts: Int
}
