import Foundation

/// Paces a whole replay: a rate limit in events per second (requests reserve their events' share of time, so a
/// 1,000-event request at 500/s holds the next one back two seconds), a concurrency limit, and a slowdown after a
/// 429: everyone waits out the `Retry-After`, then the rate is halved and the concurrency limit halved for
/// `slowdown`, so one rate-limited request does not leave the others hammering the API.
actor Pacer {
    private let baseRate: Double?
    private let maxConcurrency: Int
    private let slowdown: Duration
    private let clock = ContinuousClock()

    private var nextStart: ContinuousClock.Instant
    private var holdUntil: ContinuousClock.Instant
    private var calmAt: ContinuousClock.Instant
    private var rateFactor = 1.0
    private var allowed: Int
    private var inFlight = 0

    init(rate: Double?, concurrency: Int, slowdownSeconds: Double) {
        baseRate = rate.flatMap { $0 > 0 && $0.isFinite ? $0 : nil }
        maxConcurrency = max(1, concurrency)
        allowed = max(1, concurrency)
        slowdown = .milliseconds(Int(max(0, slowdownSeconds) * 1000))
        let now = ContinuousClock().now
        nextStart = now; holdUntil = now; calmAt = now
    }

    /// Waits until a request of `events` events may leave, and takes a concurrency slot; pair with `end()`.
    /// Throws `CancellationError` (holding no slot) when the task is cancelled while waiting.
    func start(events: Int) async throws {
        while true {
            recoverIfCalm()
            let now = clock.now
            if holdUntil > now {
                try await clock.sleep(until: holdUntil)
                continue
            }
            if inFlight >= allowed {
                // Slots free up when a request ends; polling keeps cancellation simple and costs nothing measurable.
                try await clock.sleep(for: .milliseconds(10))
                continue
            }
            inFlight += 1
            guard let rate = baseRate else { return }
            let start = max(now, nextStart)
            nextStart = start + .milliseconds(Int((Double(events) / (rate * rateFactor) * 1000).rounded(.up)))
            if start > now {
                do { try await clock.sleep(until: start) } catch { inFlight -= 1; throw error }
            }
            return
        }
    }

    /// Gives back the slot taken by `start`.
    func end() { inFlight = max(0, inFlight - 1) }

    /// A 429: nobody starts before `retryAfter` seconds from now, and the run stays slowed for a while.
    func rateLimited(retryAfter: Double) {
        let now = clock.now
        holdUntil = max(holdUntil, now + .milliseconds(Int(max(0, retryAfter) * 1000)))
        rateFactor = max(1.0 / 16, rateFactor / 2)
        allowed = max(1, allowed / 2)
        calmAt = holdUntil + slowdown
    }

    /// Current factor on the configured rate (1 when not slowed), for progress and tests.
    var slowdownFactor: Double { rateFactor }

    private func recoverIfCalm() {
        guard rateFactor < 1 || allowed < maxConcurrency, clock.now >= calmAt else { return }
        rateFactor = 1
        allowed = maxConcurrency
    }
}
