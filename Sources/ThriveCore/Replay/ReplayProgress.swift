import Foundation

/// Counts while a replay runs, for a progress bar: the engine reports them, the UI and `replay` draw them.
public struct ReplayProgress: Sendable, Hashable {
    public var total = 0
    public var accepted = 0
    public var rejected = 0
    public var skipped = 0
    public var invalid = 0
    public var unknown = 0
    /// Not settled yet: queued, in flight or waiting to retry.
    public var left = 0
    public var eventsPerSecond: Double = 0
    /// Seconds to go at the current rate; nil before anything was accepted.
    public var eta: Double?
    public var paused = false
    public var cancelled = false

    public init(total: Int = 0, accepted: Int = 0, rejected: Int = 0, skipped: Int = 0, invalid: Int = 0, unknown: Int = 0,
                left: Int = 0, eventsPerSecond: Double = 0, eta: Double? = nil, paused: Bool = false, cancelled: Bool = false) {
        self.total = total; self.accepted = accepted; self.rejected = rejected; self.skipped = skipped
        self.invalid = invalid; self.unknown = unknown; self.left = left; self.eventsPerSecond = eventsPerSecond
        self.eta = eta; self.paused = paused; self.cancelled = cancelled
    }

    /// Events with a final state.
    public var settled: Int { max(0, total - left) }
}
