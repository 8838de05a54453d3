import TerminalScreen

/// Where each part of the screen goes: a pure function of the terminal size.
public struct Layout: Sendable, Equatable {
    public static let minimumSize = Size(width: 60, height: 16)

    public var title: Rect
    public var templates: Rect
    public var form: Rect
    public var preview: Rect
    public var history: Rect
    public var status: Rect
    public var footer: Rect
    /// True below 60×16: only a notice is drawn.
    public var tooSmall: Bool
    public var size: Size

    public init(size: Size) {
        self.size = size
        tooSmall = size.width < Layout.minimumSize.width || size.height < Layout.minimumSize.height
        let w = size.width, h = size.height
        title = Rect(x: 0, y: 0, width: w, height: 1)
        footer = Rect(x: 0, y: h - 1, width: w, height: 1)
        status = Rect(x: 0, y: h - 2, width: w, height: 1)
        let historyHeight = max(5, (h - 3) / 3)
        let mainHeight = max(0, h - 3 - historyHeight)
        history = Rect(x: 0, y: 1 + mainHeight, width: w, height: historyHeight)
        let templatesWidth = w >= 120 ? 28 : (w >= 90 ? 24 : 20)
        let rest = w - templatesWidth
        let formWidth = rest * 11 / 20
        templates = Rect(x: 0, y: 1, width: templatesWidth, height: mainHeight)
        form = Rect(x: templatesWidth, y: 1, width: formWidth, height: mainHeight)
        preview = Rect(x: templatesWidth + formWidth, y: 1, width: rest - formWidth, height: mainHeight)
    }

    public func rect(for pane: Pane) -> Rect {
        switch pane {
        case .templates: return templates
        case .form: return form
        case .preview: return preview
        case .history: return history
        }
    }

    /// The pane under a screen point, for mouse clicks and the wheel.
    public func pane(at p: Point) -> Pane? { Pane.allCases.first { rect(for: $0).contains(p) } }

    /// Rows available inside a bordered pane.
    public static func innerHeight(_ r: Rect) -> Int { max(0, r.height - 2) }

    public var templatesHeight: Int { Layout.innerHeight(templates) }
    public var previewHeight: Int { Layout.innerHeight(preview) }
    public var historyHeight: Int { Layout.innerHeight(history) }

    /// The form's field rows and, below a rule, the focused field's help.
    public var formHelpRows: Int { min(3, max(1, Layout.innerHeight(form) / 4)) }
    public var formListHeight: Int { max(0, Layout.innerHeight(form) - formHelpRows - 1) }

    /// A centred box of at most `width`×`height`, leaving a margin round the screen.
    public func modal(width: Int, height: Int) -> Rect {
        let w = min(width, size.width - 4), h = min(height, size.height - 2)
        return Rect(x: (size.width - w) / 2, y: (size.height - h) / 2, width: w, height: h)
    }

    public func helpModal(lines: Int) -> Rect { modal(width: 76, height: lines + 2) }
    public var detailModal: Rect { modal(width: size.width - 6, height: size.height - 2) }
}
