import Foundation

/// When and how long to wait before trying again after a 429.
public struct RetryPolicy: Sendable, Hashable {
    /// Retries after the first attempt (so at most `maxRetries + 1` attempts).
    public var maxRetries: Int
    /// First backoff when the server gives no `Retry-After`; doubles each time.
    public var baseDelay: Double
    /// No single wait is longer than this, whatever `Retry-After` says.
    public var maxDelay: Double
    /// Fraction of random spread added to computed backoffs, so many clients do not retry in step.
    public var jitter: Double
    /// Statuses that are retried.
    public var retryStatuses: Set<Int>

    public init(maxRetries: Int = 3, baseDelay: Double = 0.5, maxDelay: Double = 30, jitter: Double = 0.2, retryStatuses: Set<Int> = [429]) {
        self.maxRetries = maxRetries; self.baseDelay = baseDelay; self.maxDelay = maxDelay
        self.jitter = jitter; self.retryStatuses = retryStatuses
    }

    public static let none = RetryPolicy(maxRetries: 0)

    /// Seconds to wait before retry number `retry` (1-based), honouring `Retry-After` when the server sent one.
    public func delay(retry: Int, retryAfter: String?, now: Date = Date(), random: Double = Double.random(in: 0...1)) -> Double {
        if let retryAfter, let seconds = RetryPolicy.parseRetryAfter(retryAfter, now: now) {
            // The server's word wins; a little jitter on top spreads clients that were told the same instant.
            return min(maxDelay, seconds + seconds * jitter * 0.5 * random)
        }
        let backoff = baseDelay * pow(2, Double(max(0, retry - 1)))
        return min(maxDelay, backoff * (1 - jitter + 2 * jitter * random))
    }

    /// `Retry-After` is either delay-seconds or an HTTP-date (RFC 9110 §10.2.3).
    public static func parseRetryAfter(_ value: String, now: Date = Date()) -> Double? {
        let v = value.trimmingCharacters(in: .whitespaces)
        if let s = Double(v), s >= 0, s.isFinite { return s }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "GMT")
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            f.dateFormat = format
            if let d = f.date(from: v) { return max(0, d.timeIntervalSince(now)) }
        }
        return nil
    }
}
