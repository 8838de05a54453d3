import Foundation
import ThriveCore

/// The template list: grouped by endpoint, filtered by typing after `/`.
public struct PickerState: Sendable {
    /// A displayed line: an endpoint heading or a template (index into `visible`).
    public enum Line: Sendable, Equatable { case heading(String), template(Int) }

    public private(set) var filter = ""
    public var filtering = false
    /// Templates shown, worked out when the filter changes.
    public private(set) var visible: [EventTemplate] = []
    public private(set) var lines: [Line] = []
    /// Index into `visible`.
    public private(set) var selection = 0
    /// Over `lines`; centred on the selected template's line so the headings around it stay in view.
    public private(set) var scroll = ScrollState(.centredList)
    private let catalogue: TemplateCatalogue

    public init(catalogue: TemplateCatalogue) {
        self.catalogue = catalogue
        refilter()
    }

    /// True when the filter line takes the list's first row.
    public var showsFilterLine: Bool { filtering || !filter.isEmpty }

    public var selectedTemplate: EventTemplate? { visible.indices.contains(selection) ? visible[selection] : nil }

    public mutating func setFilter(_ text: String) {
        filter = text
        selection = 0
        refilter()
    }

    public mutating func select(_ index: Int) {
        selection = visible.isEmpty ? 0 : min(max(0, index), visible.count - 1)
        scroll.select(lines.firstIndex(of: .template(selection)) ?? 0)
    }

    public mutating func move(_ delta: Int) { select(selection + delta) }

    /// Navigation keys move between templates, skipping the headings.
    public mutating func apply(_ action: Action) {
        let page = scroll.page
        switch action {
        case .up: move(-1)
        case .down: move(1)
        case .pageUp: move(-page)
        case .pageDown: move(page)
        case .top: select(0)
        case .bottom: select(visible.count - 1)
        default: break
        }
    }

    /// The template on a row of the pane (0 is the first row inside the frame), for clicks.
    public func index(atRow row: Int) -> Int? {
        let k = row - (showsFilterLine ? 1 : 0) + scroll.offset
        guard lines.indices.contains(k), case .template(let i) = lines[k] else { return nil }
        return i
    }

    mutating func resize(height: Int) {
        scroll.resize(count: lines.count, height: height)
        scroll.select(lines.firstIndex(of: .template(selection)) ?? 0)
    }

    /// Names are matched first; summaries only when no name matches, so `/t` narrows by name instead of
    /// matching nearly every description, while `/invited` still finds invite_sent.
    private mutating func refilter() {
        let needle = filter.lowercased()
        let grouped = Endpoint.allCases.flatMap { ep in catalogue.templates.filter { $0.endpoint == ep } }
        if needle.isEmpty {
            visible = grouped
        } else {
            let byName = grouped.filter { $0.name.lowercased().contains(needle) }
            visible = byName.isEmpty ? grouped.filter { $0.summary.lowercased().contains(needle) } : byName
        }
        lines = []
        var last: Endpoint?
        for (i, t) in visible.enumerated() {
            if t.endpoint != last { lines.append(.heading(t.endpoint.path.uppercased().dropFirst().description)); last = t.endpoint }
            lines.append(.template(i))
        }
        resize(height: scroll.height)
    }
}
