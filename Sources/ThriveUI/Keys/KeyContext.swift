/// Who has the keys right now, as scopes to look a key up in (most specific first) and scopes for the footer.
public enum KeyContext: Sendable, Equatable {
    case pane(Pane)
    case filter, field, prompt, rawEditor
    /// The history pane's `/` search line.
    case historySearch
    /// The `/` search line of the details (or compare) overlay.
    case detailSearch
    case help, detail, dialog
    /// The `o` path prompt at the bottom of the screen.
    case pathPrompt
    /// The batch view overlay.
    case batch
    /// The command palette: a filter line over a list.
    case palette
    /// A pick list without a filter (profiles), and the copy-as menu with its letters.
    case choices, copyMenu

    /// The lookup chain. An editor's own keys come before the keys that work while typing, so F2 in the
    /// raw editor means "back to the form" in its own words.
    public var scopes: [KeyScope] {
        switch self {
        case .pane(let p): return [.anywhere, .typing, .pane(p), .panes]
        case .filter: return [.anywhere, .filter, .typing, .textEditing]
        case .historySearch: return [.anywhere, .search, .typing, .textEditing]
        // No `.typing`: ^S and F2 act on the composer, which is under the overlay and out of sight.
        case .detailSearch: return [.anywhere, .search, .textEditing]
        case .field: return [.anywhere, .field, .typing, .textEditing]
        case .prompt: return [.anywhere, .prompt, .typing, .textEditing]
        case .rawEditor: return [.anywhere, .rawEditor, .typing, .textEditing]
        case .help: return [.anywhere, .help]
        case .detail: return [.anywhere, .detail]
        case .dialog: return [.anywhere, .dialog]
        case .pathPrompt: return [.anywhere, .pathPrompt, .textEditing]
        case .batch: return [.anywhere, .batch]
        case .palette: return [.anywhere, .choices, .textEditing]
        case .choices: return [.anywhere, .choices]
        case .copyMenu: return [.anywhere, .copyMenu, .choices]
        }
    }

    /// True when printable keys that are not bound insert text.
    public var takesText: Bool { [.filter, .historySearch, .detailSearch, .field, .prompt, .rawEditor, .pathPrompt, .palette].contains(self) }

    /// The scope whose hints lead the footer, and the others it shows.
    public var footerScopes: (primary: KeyScope, others: [KeyScope]) {
        switch self {
        case .pane(let p): return (.pane(p), [.typing, .panes])
        case .rawEditor: return (.rawEditor, [.typing, .anywhere])
        case .field: return (.field, [.anywhere])
        case .prompt: return (.prompt, [.anywhere])
        case .filter: return (.filter, [.anywhere])
        case .historySearch: return (.search, [.anywhere])
        case .detailSearch: return (.search, [.anywhere])
        case .help: return (.help, [])
        case .detail: return (.detail, [])
        case .dialog: return (.dialog, [])
        case .pathPrompt: return (.pathPrompt, [.anywhere])
        case .batch: return (.batch, [])
        case .palette, .choices: return (.choices, [])
        case .copyMenu: return (.copyMenu, [.choices])
        }
    }
}

extension AppState {
    /// Overlays take the keys first, then an open editor, then the focused pane.
    public var keyContext: KeyContext {
        switch overlay {
        case .help?, .notes?: return .help
        case .choices(let c)?:
            if c.filter != nil { return .palette }
            if case .copyAs = c.purpose { return .copyMenu }
            return .choices
        case .detail(_, let o)?, .compare(_, _, let o)?: return o.search?.isEditing == true ? .detailSearch : .detail
        case .confirmSend?, .confirmDiscard?, .question?: return .dialog
        case .batch?: return .batch
        case nil: break
        }
        if openPrompt != nil { return .pathPrompt }
        if focus == .form {
            if composer.mode == .raw { return .rawEditor }
            if composer.prompt != nil { return .prompt }
            if composer.edit != nil { return .field }
        }
        if focus == .templates, picker.filtering { return .filter }
        if focus == .history, history.isSearching { return .historySearch }
        return .pane(focus)
    }
}
