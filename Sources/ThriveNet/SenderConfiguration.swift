/// Timeouts and retries for the HTTP sender.
public struct SenderConfiguration: Sendable, Hashable {
    /// Seconds to wait for the connection, and then between bytes.
    public var connectTimeout: Double
    /// Seconds one attempt may take in all.
    public var overallTimeout: Double
    public var retry: RetryPolicy

    public init(connectTimeout: Double = 30, overallTimeout: Double = 30, retry: RetryPolicy = RetryPolicy()) {
        self.connectTimeout = connectTimeout; self.overallTimeout = overallTimeout; self.retry = retry
    }

    /// One timeout for everything: a server may think for all of it before its first byte, so the wait
    /// between bytes is not cut shorter than the timeout the person asked for.
    public init(timeout: Double, retry: RetryPolicy = RetryPolicy()) {
        self.init(connectTimeout: timeout, overallTimeout: timeout, retry: retry)
    }
}
