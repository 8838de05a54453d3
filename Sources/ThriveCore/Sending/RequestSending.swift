import Foundation

/// Sends API requests. The UI, CLI and importers depend on this protocol so tests and replays can swap it.
public protocol RequestSending: Sendable {
    /// Sends `request`, retrying per policy; `onAttempt` hears about each attempt as it finishes (for live progress).
    func send(_ request: APIRequest, onAttempt: @escaping @Sendable (Attempt) -> Void) async -> SendReport
}

extension RequestSending {
    public func send(_ request: APIRequest) async -> SendReport { await send(request, onAttempt: { _ in }) }
}
