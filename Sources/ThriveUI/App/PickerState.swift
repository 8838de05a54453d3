import Foundation
import ThriveCore

/// The template list: grouped by endpoint, filtered by typing after `/`.
public struct PickerState: Sendable, Equatable {
    public var filter = ""
    public var filtering = false
    /// Index into `visible(in:)`.
    public var selection = 0

    public init() {}

    /// Templates shown, in catalogue order grouped track → identify → group, matching the filter.
    ///
    /// Names are matched first; summaries only when no name matches, so `/t` narrows by name instead of
    /// matching nearly every description, while `/invited` still finds invite_sent.
    public func visible(in catalogue: TemplateCatalogue) -> [EventTemplate] {
        let needle = filter.lowercased()
        let grouped = Endpoint.allCases.flatMap { ep in catalogue.templates.filter { $0.endpoint == ep } }
        guard !needle.isEmpty else { return grouped }
        let byName = grouped.filter { $0.name.lowercased().contains(needle) }
        return byName.isEmpty ? grouped.filter { $0.summary.lowercased().contains(needle) } : byName
    }

    public mutating func move(_ delta: Int, count: Int) {
        guard count > 0 else { selection = 0; return }
        selection = min(max(0, selection + delta), count - 1)
    }
}
