import Foundation
import ThriveCore

/// The template list: grouped by endpoint, filtered by typing after `/`.
public struct PickerState: Sendable, Equatable {
    public var filter = ""
    public var filtering = false
    /// Index into `visible(in:)`.
    public var selection = 0
    public var scroll = 0

    public init() {}

    /// Templates shown, in catalogue order grouped track → identify → group, matching the filter.
    public func visible(in catalogue: TemplateCatalogue) -> [EventTemplate] {
        let needle = filter.lowercased()
        return Endpoint.allCases.flatMap { ep in
            catalogue.templates.filter { t in
                t.endpoint == ep && (needle.isEmpty || t.name.lowercased().contains(needle) || t.summary.lowercased().contains(needle))
            }
        }
    }

    public mutating func move(_ delta: Int, count: Int) {
        guard count > 0 else { selection = 0; return }
        selection = min(max(0, selection + delta), count - 1)
    }
}
