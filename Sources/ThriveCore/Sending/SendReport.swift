import Foundation

/// One try at sending: its outcome, how long it took, and the wait before the next try if there is one.
public struct Attempt: Sendable, Hashable {
    public var number: Int
    public var startedAt: Date
    /// Seconds from sending to the full response (or the failure).
    public var latency: Double
    public var outcome: Result<HTTPResponse, NetworkError>
    /// Seconds waited before the next attempt; nil for the last one.
    public var retryDelay: Double?

    public init(number: Int, startedAt: Date, latency: Double, outcome: Result<HTTPResponse, NetworkError>, retryDelay: Double? = nil) {
        self.number = number; self.startedAt = startedAt; self.latency = latency; self.outcome = outcome; self.retryDelay = retryDelay
    }

    public var response: HTTPResponse? { if case .success(let r) = outcome { return r }; return nil }
    public var error: NetworkError? { if case .failure(let e) = outcome { return e }; return nil }
}

/// Everything about one send: the request as sent and every attempt; the last attempt is the outcome.
public struct SendReport: Sendable, Hashable {
    public var request: APIRequest
    public var attempts: [Attempt]

    public init(request: APIRequest, attempts: [Attempt]) { self.request = request; self.attempts = attempts }

    public var final: Attempt? { attempts.last }
    public var response: HTTPResponse? { final?.response }
    public var error: NetworkError? { final?.error }
    /// True when the API accepted the request (2xx).
    public var succeeded: Bool { response?.isSuccess ?? false }
    /// Retries made (attempts after the first).
    public var retries: Int { max(0, attempts.count - 1) }
    /// Total seconds, waits included.
    public var totalDuration: Double { attempts.reduce(0) { $0 + $1.latency + ($1.retryDelay ?? 0) } }

    /// One line: `200 OK in 12 ms`, `429 rate limited (retried 3 times)`, `connection refused by …`.
    public var summary: String {
        guard let final else { return "not sent" }
        // After retries the last attempt's latency alone would hide the wait: say the whole time too.
        let retried = retries > 0
            ? " (retried \(retries) time\(retries == 1 ? "" : "s"), \(NetworkError.format(totalDuration)) in all)" : ""
        switch final.outcome {
        case .success(let r): return "\(r.summary) in \(NetworkError.format(final.latency))\(retried)"
        case .failure(let e): return e.message + retried
        }
    }
}
