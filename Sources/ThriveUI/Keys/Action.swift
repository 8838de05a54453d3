/// Everything a key can mean. Bindings map keys to these by scope; the raw values are the names a keymap
/// file will use (`send: [ctrl-s, f6]`).
public enum Action: String, Sendable, CaseIterable, Hashable {
    // Anywhere
    case quit, suspend
    // Panes, and editors that let them through
    case send, toggleRaw = "toggle_raw"
    case help, cancel, nextPane = "next_pane", previousPane = "previous_pane", cycleTheme = "cycle_theme"
    case up, down, pageUp = "page_up", pageDown = "page_down", top, bottom
    // Templates
    case filter, select
    // Form
    case toggleValue = "toggle_value", previousValue = "previous_value", now, newUUID = "new_uuid"
    case addProperty = "add_property", removeProperty = "remove_property", applyFix = "apply_fix"
    case nextEvent = "next_event", previousEvent = "previous_event"
    case fixAll = "fix_all"
    // Imports and the batch view
    case openFile = "open_file", complete, batchView = "batch_view", errorsOnly = "errors_only", useFoundKey = "use_found_key"
    // Replays of an imported batch
    case sendBatch = "send_batch", pauseReplay = "pause_replay"
    // History
    case openDetail = "open_detail", replay, search, mark, compare
    // Details
    case nextMatch = "next_match", previousMatch = "previous_match"
    // Editors and prompts
    case confirm, dismiss, keepAndNext = "keep_and_next", nextType = "next_type", previousType = "previous_type"
    case newline, leaveRaw = "leave_raw"
    case cursorLeft = "cursor_left", cursorRight = "cursor_right", lineStart = "line_start", lineEnd = "line_end"
    case wordLeft = "word_left", wordRight = "word_right"
    case deleteBackward = "delete_backward", deleteForward = "delete_forward"
    case deleteWordBackward = "delete_word_backward", deleteWordForward = "delete_word_forward"
    case deleteToStart = "delete_to_start", deleteToEnd = "delete_to_end"
    // Profiles, sharing, outside editors, the palette
    case palette, switchProfile = "switch_profile", copyAs = "copy_as", editExternal = "edit_external"
    case showProblems = "show_problems", exportHistory = "export_history", save, revealKey = "reveal_key"
    // Dialogs
    case yes, no, close
    /// `a` in the LIVE question: yes, and do not ask again this run.
    case always
}

/// Where a binding applies. The update function asks the keymap for a key's action in a chain of scopes
/// (see `KeyContext`), most specific first.
public enum KeyScope: Sendable, Hashable, CustomStringConvertible {
    /// Works everywhere, dialogs and editors included (^C, ^Z).
    case anywhere
    /// Works in panes and in editors, but not in dialogs (^S, F2): never a printable character.
    case typing
    /// Works in every pane when no editor has the keys.
    case panes
    case pane(Pane)
    /// The template list's `/` filter line.
    case filter
    /// A search line (`/` in the history pane): the text filters as it is typed.
    case search
    /// A form field being edited.
    case field
    /// The add-property prompt.
    case prompt
    /// The raw JSON editor.
    case rawEditor
    /// Cursor and deletion keys shared by every text editor.
    case textEditing
    case help, detail
    /// Yes/no questions.
    case dialog
    /// The `o` path prompt.
    case pathPrompt
    /// The batch view's event list.
    case batch
    /// Any pick list (palette, profiles, copy-as): moving and choosing, never a printable key.
    case choices
    /// The copy-as menu's own letters.
    case copyMenu

    public var description: String {
        switch self {
        case .pane(let p): return "\(p)"
        case .anywhere: return "anywhere"
        case .typing: return "typing"
        case .panes: return "panes"
        case .filter: return "filter"
        case .search: return "search"
        case .field: return "field"
        case .prompt: return "prompt"
        case .rawEditor: return "raw editor"
        case .textEditing: return "text editing"
        case .help: return "help"
        case .detail: return "detail"
        case .dialog: return "dialog"
        case .pathPrompt: return "path prompt"
        case .batch: return "batch"
        case .choices: return "lists"
        case .copyMenu: return "copy menu"
        }
    }
}
