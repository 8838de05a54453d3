import TerminalScreen

extension Keymap {
    /// The keys the program ships with. Order matters only for help and the footer.
    public static let standard = Keymap(standardBindings)

    static let standardBindings: [Binding] = [
        // Anywhere and while typing
        Binding(.send, [.ctrl("s"), .function(5)], .typing, "send the request", footer: "send"),
        Binding(.nextPane, [.tab], .panes, "next pane", footer: "pane"),
        Binding(.previousPane, [.backTab], .panes, "previous pane"),
        Binding(.toggleRaw, [.function(2)], .typing, "switch form / raw JSON editing", footer: "raw"),
        Binding(.help, [.char("?")], .panes, "show this help", footer: "help"),
        Binding(.help, [.function(1)], .panes, "show this help"),
        Binding(.cycleTheme, [.char("t")], .panes, "next colour theme"),
        Binding(.cancel, [.escape], .panes, "cancel the request in flight"),
        Binding(.quit, [.char("q")], .panes, "quit", footer: "quit"),
        Binding(.quit, [.ctrl("c")], .anywhere, "quit, even while typing", footer: "quit"),
        Binding(.suspend, [.ctrl("z")], .anywhere, "suspend to the shell (fg comes back)"),
        Binding(.up, [.up, .char("k")], .panes, "move up"),
        Binding(.down, [.down, .char("j")], .panes, "move down"),
        Binding(.pageUp, [.pageUp], .panes, "page up"),
        Binding(.pageDown, [.pageDown], .panes, "page down"),
        Binding(.top, [.home, .char("g")], .panes, "first row"),
        Binding(.bottom, [.end, .char("G")], .panes, "last row"),
        // Templates
        Binding(.filter, [.char("/")], .pane(.templates), "filter templates by typing", footer: "filter"),
        Binding(.select, [.enter], .pane(.templates), "start a new draft from the template", footer: "new draft"),
        // Form
        Binding(.select, [.enter], .pane(.form), "edit the field (toggle booleans)", footer: "edit"),
        Binding(.toggleValue, [.char(" "), .right], .pane(.form), "toggle a boolean, next enum value"),
        Binding(.toggleValue, [.char("l")], .pane(.form), "toggle a boolean, next enum value"),
        Binding(.previousValue, [.left, .char("h")], .pane(.form), "previous enum value"),
        Binding(.now, [.char("n")], .pane(.form), "set a date-time field to now"),
        Binding(.newUUID, [.char("u")], .pane(.form), "fresh UUID in an id field"),
        Binding(.addProperty, [.char("a")], .pane(.form), "add a property (name, then Tab picks the type)", footer: "add"),
        Binding(.removeProperty, [.char("d")], .pane(.form), "remove the field", footer: "remove"),
        Binding(.removeProperty, [.delete], .pane(.form), "remove the field"),
        Binding(.applyFix, [.char("f")], .pane(.form), "apply the suggested fix for the field's finding", footer: "fix"),
        Binding(.nextEvent, [.char("]")], .pane(.form), "next event of a batch"),
        Binding(.previousEvent, [.char("[")], .pane(.form), "previous event of a batch"),
        // History
        Binding(.openDetail, [.enter], .pane(.history), "show the full request and response", footer: "details"),
        Binding(.replay, [.char("r")], .pane(.history), "load the entry into the composer to edit and resend", footer: "replay"),
        Binding(.search, [.char("/")], .pane(.history), "search history: words, status:4xx, event:, user:, group:, target:, failed, since:1h", footer: "search"),
        Binding(.mark, [.char("m")], .pane(.history), "mark the entry to compare with another", footer: "mark"),
        Binding(.compare, [.char("=")], .pane(.history), "compare the entry with the marked one", footer: "compare"),
        // The template filter
        Binding(.confirm, [.enter], .filter, "pick the highlighted template"),
        Binding(.dismiss, [.escape], .filter, "clear the filter"),
        Binding(.up, [.up], .filter, "previous match"),
        Binding(.down, [.down], .filter, "next match"),
        // The history search line
        Binding(.confirm, [.enter], .search, "keep the search and go to the rows", footer: "keep"),
        Binding(.dismiss, [.escape], .search, "clear the search", footer: "clear"),
        Binding(.up, [.up], .search, "previous row"),
        Binding(.down, [.down], .search, "next row"),
        // A form field being edited
        Binding(.confirm, [.enter], .field, "keep the value", footer: "keep"),
        Binding(.dismiss, [.escape], .field, "cancel the edit", footer: "cancel"),
        Binding(.keepAndNext, [.tab], .field, "keep the value and edit the next field", footer: "keep+next"),
        // The add-property prompt
        Binding(.confirm, [.enter], .prompt, "add the property", footer: "keep"),
        Binding(.dismiss, [.escape], .prompt, "cancel", footer: "cancel"),
        Binding(.nextType, [.tab, .down], .prompt, "next type", footer: "type"),
        Binding(.previousType, [.backTab, .up], .prompt, "previous type"),
        // The raw JSON editor
        Binding(.leaveRaw, [.escape, .function(2)], .rawEditor, "back to the form (the text must parse)", footer: "back to form"),
        Binding(.nextPane, [.tab], .rawEditor, "next pane", footer: "pane"),
        Binding(.previousPane, [.backTab], .rawEditor, "previous pane"),
        Binding(.newline, [.enter], .rawEditor, "new line, keeping the indentation"),
        Binding(.up, [.up], .rawEditor, "line up"),
        Binding(.down, [.down], .rawEditor, "line down"),
        Binding(.pageUp, [.pageUp], .rawEditor, "page up"),
        Binding(.pageDown, [.pageDown], .rawEditor, "page down"),
        // Every text editor
        Binding(.cursorLeft, [.left, .ctrl("b")], .textEditing, "character left"),
        Binding(.cursorRight, [.right, .ctrl("f")], .textEditing, "character right"),
        Binding(.lineStart, [.home, .ctrl("a")], .textEditing, "start of the line"),
        Binding(.lineEnd, [.end, .ctrl("e")], .textEditing, "end of the line"),
        Binding(.wordLeft, [.ctrlLeft, .alt("b")], .textEditing, "word left"),
        Binding(.wordRight, [.ctrlRight, .alt("f")], .textEditing, "word right"),
        Binding(.deleteBackward, [.backspace, .ctrl("h")], .textEditing, "delete the character before the cursor"),
        Binding(.deleteForward, [.delete, .ctrl("d")], .textEditing, "delete the character under the cursor"),
        Binding(.deleteWordBackward, [.ctrl("w"), .alt("\u{7F}")], .textEditing, "delete the word before the cursor"),
        Binding(.deleteWordForward, [.alt("d")], .textEditing, "delete the word after the cursor"),
        Binding(.deleteToStart, [.ctrl("u")], .textEditing, "delete to the start of the line"),
        Binding(.deleteToEnd, [.ctrl("k")], .textEditing, "delete to the end of the line"),
        // Help
        Binding(.up, [.up, .char("k")], .help, "scroll up"),
        Binding(.down, [.down, .char("j")], .help, "scroll down"),
        Binding(.pageUp, [.pageUp], .help, "page up"),
        Binding(.pageDown, [.pageDown], .help, "page down"),
        Binding(.top, [.home, .char("g")], .help, "top"),
        Binding(.bottom, [.end, .char("G")], .help, "bottom"),
        // Request and response details
        Binding(.up, [.up, .char("k")], .detail, "scroll up"),
        Binding(.down, [.down, .char("j")], .detail, "scroll down"),
        Binding(.pageUp, [.pageUp], .detail, "page up"),
        Binding(.pageDown, [.pageDown, .char(" ")], .detail, "page down"),
        Binding(.top, [.home, .char("g")], .detail, "top"),
        Binding(.bottom, [.end, .char("G")], .detail, "bottom"),
        Binding(.replay, [.char("r")], .detail, "load the request into the composer"),
        Binding(.search, [.char("/")], .detail, "search the request and response"),
        Binding(.nextMatch, [.char("n")], .detail, "next match"),
        Binding(.previousMatch, [.char("N")], .detail, "previous match"),
        Binding(.close, [.escape, .enter, .char("q")], .detail, "close"),
        // Yes/no questions
        Binding(.yes, [.char("y"), .char("Y")], .dialog, "yes"),
        Binding(.no, [.char("n"), .char("N"), .escape, .char("q")], .dialog, "no"),
    ]
}
