import Foundation
import ThriveCore

/// What to do with a request whose outcome is unknown (the connection dropped or timed out after it was written).
public enum UnknownOutcomePolicy: String, Sendable, Hashable, CaseIterable {
    /// Send it again (the default): the event may then arrive twice, which the report says.
    case retry
    /// Leave its events unsent and list them as `unknown`.
    case skip
}

/// How a replay paces and retries.
public struct ReplayOptions: Sendable, Hashable {
    /// Events per second over the whole run; nil for no limit.
    public var rate: Double?
    /// Requests in flight at once.
    public var concurrency: Int
    /// Events per request, at most the API's 1,000.
    public var batchSize: Int
    /// Send events the target already accepted (and repeats within the input) instead of skipping them.
    public var allowDuplicates: Bool
    public var unknownPolicy: UnknownOutcomePolicy
    /// Retries per request after 429, 5xx and connection failures.
    public var maxRetries: Int
    /// First backoff when the server gives no `Retry-After`; doubles per retry, capped at `maxDelay`, with jitter.
    public var baseDelay: Double
    public var maxDelay: Double
    /// The longest `Retry-After` honoured; a server asking for more gets this (so a run cannot stall for hours).
    public var maxRetryAfter: Double
    /// How long the whole run stays slowed after a 429.
    public var slowdownSeconds: Double
    /// Continue the newest unfinished job for the same input and target instead of starting a new one.
    public var resume: Bool
    /// Seed for backoff jitter; nil seeds from the system.
    public var seed: UInt64?

    public init(rate: Double? = nil, concurrency: Int = 4, batchSize: Int = 1_000, allowDuplicates: Bool = false,
                unknownPolicy: UnknownOutcomePolicy = .retry, maxRetries: Int = 5, baseDelay: Double = 0.5,
                maxDelay: Double = 30, maxRetryAfter: Double = 120, slowdownSeconds: Double = 10,
                resume: Bool = false, seed: UInt64? = nil) {
        self.rate = rate; self.concurrency = concurrency; self.batchSize = batchSize; self.allowDuplicates = allowDuplicates
        self.unknownPolicy = unknownPolicy; self.maxRetries = maxRetries; self.baseDelay = baseDelay; self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter; self.slowdownSeconds = slowdownSeconds; self.resume = resume; self.seed = seed
    }
}

/// An event's final state in a replay, spelled as `--report` writes it.
public enum ReplayEventStatus: String, Sendable, Hashable, CaseIterable {
    case accepted, rejected
    case skippedDuplicate = "skipped_duplicate"
    case invalid, unknown
    /// Not sent because the run was cancelled (not a `--report` status of a finished run; a resume sends it).
    case notSent = "not_sent"
}

/// One event's outcome: one `--report` line.
public struct ReplayEventResult: Sendable, Hashable {
    public var number: Int
    public var position: SourcePosition
    public var status: ReplayEventStatus
    public var httpStatus: Int?
    public var reason: String
    /// When the target accepted it before (`skipped_duplicate` from the history).
    public var acceptedAt: Date?

    public init(number: Int, position: SourcePosition, status: ReplayEventStatus, httpStatus: Int? = nil,
                reason: String = "", acceptedAt: Date? = nil) {
        self.number = number; self.position = position; self.status = status; self.httpStatus = httpStatus
        self.reason = reason; self.acceptedAt = acceptedAt
    }

    /// `{"source": "FILE:LINE", "status": "...", "http_status": N or null, "reason": "..."}`, compact, keys in this
    /// fixed order (the CLI contract).
    public func reportLine() -> String {
        JSONValue.object(JSONObject([
            .init("source", .string(position.description)),
            .init("status", .string(status.rawValue)),
            .init("http_status", httpStatus.map { .int($0) } ?? .null),
            .init("reason", .string(reason)),
        ])).compact()
    }
}


/// What the engine reports while it runs.
public enum ReplayUpdate: Sendable, Hashable {
    case progress(ReplayProgress)
    /// Events that reached their final state (in batches, as requests end).
    case events([ReplayEventResult])
    /// A retry is coming: request index, attempt that failed, why, and the wait in seconds.
    case retrying(request: Int, attempt: Int, reason: String, delay: Double)
}

/// The end of a replay.
public struct ReplayResult: Sendable, Hashable {
    public var jobID: UUID
    public var progress: ReplayProgress
    /// Every event of the input, in input order.
    public var events: [ReplayEventResult]
    public var cancelled: Bool

    public init(jobID: UUID, progress: ReplayProgress, events: [ReplayEventResult], cancelled: Bool) {
        self.jobID = jobID; self.progress = progress; self.events = events; self.cancelled = cancelled
    }

    /// 0 when every valid event was accepted or skipped as a duplicate, 2 when some were rejected, 3 when some have
    /// an unknown outcome (or were left unsent by a cancel). 1, bad input, is the caller's to decide.
    public var exitCode: Int32 {
        if events.contains(where: { $0.status == .unknown || $0.status == .notSent }) { return 3 }
        if events.contains(where: { $0.status == .rejected }) { return 2 }
        return 0
    }
}
