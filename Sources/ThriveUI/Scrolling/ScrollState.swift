/// The one scroll model every scrolling pane and overlay uses: a window of `height` rows over `count` rows.
///
/// A list (history, form, templates) has a selection the window keeps in view; a viewport (preview, help,
/// details) has none and scrolls by its offset. Both clamp, so a key past either end leaves no invisible
/// overshoot to undo, and both can follow the bottom as rows are added (the history does).
public struct ScrollState: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// Rows are selected; the window moves only as far as needed to keep the selection in view.
        case list
        /// Like `list`, but the window centres the selection (the template list, where headings give context).
        case centredList
        /// No selection: keys move the window itself.
        case viewport
    }

    public let kind: Kind
    public private(set) var offset = 0
    /// The selected row (lists only; always 0 for a viewport).
    public private(set) var selection = 0
    public private(set) var count = 0
    public private(set) var height = 0
    /// True for views that stick to the last row while it is selected (the history), so new rows stay in sight.
    public let tracksBottom: Bool
    /// True while the view sticks to the last row: the user has not scrolled back.
    public private(set) var followsBottom: Bool

    public init(_ kind: Kind, tracksBottom: Bool = false) {
        self.kind = kind
        self.tracksBottom = tracksBottom
        followsBottom = tracksBottom
    }

    /// The rows in view.
    public var visible: Range<Int> { offset..<min(count, offset + height) }
    /// How far one PgUp/PgDn moves: a page less one row, so the row at the edge stays in view for context.
    public var page: Int { max(1, height - 1) }
    public var isAtBottom: Bool { kind == .viewport ? offset >= maxOffset : selection >= count - 1 }
    var maxOffset: Int { max(0, count - height) }

    /// New content or a new size; the selection and window are clamped, and follow the bottom if they did.
    public mutating func resize(count: Int, height: Int) {
        self.count = max(0, count)
        self.height = max(0, height)
        if followsBottom {
            if kind == .viewport { offset = maxOffset } else { selection = max(0, self.count - 1) }
        }
        clamp()
    }

    public mutating func resize(count: Int) { resize(count: count, height: height) }

    /// Moves the selection (or, in a viewport, the window) by `delta` rows.
    public mutating func move(_ delta: Int) {
        if kind == .viewport { offset += delta } else { selection += delta }
        clamp()
        followsBottom = tracksBottom && isAtBottom
    }

    public mutating func toTop() { move(-(offset + selection)) }
    public mutating func toBottom() { move(count + height) }

    /// Selects row `index` (clamped), as a click does.
    public mutating func select(_ index: Int) { move(index - selection) }

    /// Scrolls the window without moving past either end (the mouse wheel); a list's selection is pulled
    /// along only as far as needed to stay in view.
    public mutating func scroll(_ delta: Int) {
        guard kind != .viewport else { move(delta); return }
        offset = min(max(0, offset + delta), maxOffset)
        if selection < offset { selection = offset }
        if height > 0, selection >= offset + height { selection = offset + height - 1 }
        selection = min(max(0, selection), max(0, count - 1))
        followsBottom = tracksBottom && offset >= maxOffset && selection == count - 1
    }

    /// Applies a navigation action: every scrolling view gets the same keys this way.
    /// - Returns: false when the action is not a navigation action.
    @discardableResult
    public mutating func apply(_ action: Action) -> Bool {
        switch action {
        case .up: move(-1)
        case .down: move(1)
        case .pageUp: move(-page)
        case .pageDown: move(page)
        case .top: toTop()
        case .bottom: toBottom()
        default: return false
        }
        return true
    }

    private mutating func clamp() {
        if kind == .viewport {
            selection = 0
            offset = min(max(0, offset), maxOffset)
            return
        }
        selection = min(max(0, selection), max(0, count - 1))
        guard height > 0 else { offset = 0; return }
        switch kind {
        case .centredList: offset = selection - height / 2
        default:
            if selection < offset { offset = selection }
            if selection >= offset + height { offset = selection - height + 1 }
        }
        offset = min(max(0, offset), maxOffset)
    }
}
