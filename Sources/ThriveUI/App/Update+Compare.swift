import Foundation
import ThriveCore

extension AppState {
    /// Opens (or, after a resize, re-lays) the comparison of two history entries: `a` is the marked one.
    mutating func openCompare(_ a: UUID, _ b: UUID, keepScroll: Bool = false) {
        guard let ea = history.entry(id: a), let eb = history.entry(id: b) else {
            let which = history.entry(id: a) == nil ? "the marked entry" : "the selected entry"
            status = StatusMessage("cannot compare: \(which) is no longer in the history", .error)
            if case .compare? = overlay { overlay = nil }
            syncDerived()
            return
        }
        var o = TextOverlay(wrapped: TextWrap.wrap(CompareContent.lines(ea, eb), width: DetailContent.textWidth(layout)))
        if keepScroll, case .compare(_, _, let old)? = overlay { o.keepPlace(from: old) }
        overlay = .compare(a: a, b: b, o)
        syncDerived()
    }
}
