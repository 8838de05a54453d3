import Foundation
import ThriveConfig
import ThriveCore

/// The history side of `send`: a row written before the request leaves, so a crash mid-send still leaves a
/// trace (marked interrupted later), then updated with the outcome. A history that cannot be written costs a
/// warning on stderr, never the send.
struct SendHistory {
    private var store: (any HistoryStore)?
    private let profile: String?

    init(flags: HistoryFlags, settings: Settings) {
        let secrets = settings.apiKey.map { [$0.value] } ?? []
        let (store, warning) = flags.open(config: settings.config, secrets: secrets)
        // Given at open too, but added again so a store that ignores the open-time list still scrubs the key.
        for secret in secrets { store?.addSecret(secret) }
        if let warning { printError(warning) }
        self.store = store
        profile = settings.profile
    }

    /// Records the send as in flight; nil when there is no history (or it just failed).
    mutating func willSend(_ request: APIRequest, target: String) -> HistoryEntry? {
        guard let store else { return nil }
        let entry = HistoryEntry(id: UUID(), sentAt: Date(), request: request, target: target, profile: profile)
        do {
            try store.record(entry)
            return entry
        } catch {
            printError("history is off for this run: \(HistoryOpener.message(error))")
            self.store = nil
            return nil
        }
    }

    /// Stores how the send ended.
    func didSend(_ entry: HistoryEntry?, report: SendReport) {
        guard let store, let entry else { return }
        do { try store.update(entry.completed(by: report)) } catch {
            printError("the send was not recorded in the history: \(HistoryOpener.message(error))")
        }
    }
}
