import Foundation
import Synchronization
import ThriveCore
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Timeouts and retries for the URLSession sender.
public struct SenderConfiguration: Sendable, Hashable {
    /// Seconds to wait for the connection and between bytes.
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

/// The real sender: URLSession, async and cancellable, measuring latency, retrying 429s with backoff.
public final class URLSessionSender: RequestSending {
    public let configuration: SenderConfiguration
    /// Made on the first send, not at start-up: the first URLSession starts libcurl and its TLS library, which the
    /// first frame should not wait for.
    private let lazySession = Mutex<URLSession?>(nil)
    private let sessionConfiguration: URLSessionConfiguration
    private let sleep: @Sendable (Double) async throws -> Void

    private var session: URLSession {
        lazySession.withLock { s in
            if let s { return s }
            let made = URLSession(configuration: sessionConfiguration)
            s = made
            return made
        }
    }

    public init(configuration: SenderConfiguration = SenderConfiguration(),
                sleep: @escaping @Sendable (Double) async throws -> Void = { try await Task.sleep(for: .seconds($0)) }) {
        self.configuration = configuration
        self.sleep = sleep
        let c = URLSessionConfiguration.ephemeral
        c.timeoutIntervalForRequest = Self.wholeSeconds(configuration.connectTimeout)
        c.timeoutIntervalForResource = Self.wholeSeconds(configuration.overallTimeout)
        c.urlCache = nil
        c.httpShouldSetCookies = false
        c.httpAdditionalHeaders = ["User-Agent": "thrive-inspector"]
        sessionConfiguration = c
    }

    deinit { lazySession.withLock { $0?.finishTasksAndInvalidate() } }

    public func send(_ request: APIRequest, onAttempt: @escaping @Sendable (Attempt) -> Void) async -> SendReport {
        var attempts: [Attempt] = []
        let policy = configuration.retry
        var number = 1
        while true {
            var attempt = await attemptOnce(request, number: number)
            let retryable = attempt.response.map { policy.retryStatuses.contains($0.status) } ?? false
            if retryable, number <= policy.maxRetries, !Task.isCancelled {
                let delay = policy.delay(retry: number, retryAfter: attempt.response?.header("Retry-After"))
                attempt.retryDelay = delay
                attempts.append(attempt)
                onAttempt(attempt)
                do { try await sleep(delay) } catch {
                    let cancelled = Attempt(number: number + 1, startedAt: Date(), latency: 0, outcome: .failure(.cancelled))
                    attempts.append(cancelled)
                    onAttempt(cancelled)
                    return SendReport(request: request, attempts: attempts)
                }
                number += 1
                continue
            }
            attempts.append(attempt)
            onAttempt(attempt)
            return SendReport(request: request, attempts: attempts)
        }
    }

    private func attemptOnce(_ request: APIRequest, number: Int) async -> Attempt {
        var urlRequest = URLRequest(url: request.url, cachePolicy: .reloadIgnoringLocalCacheData,
                                    timeoutInterval: Self.wholeSeconds(configuration.connectTimeout))
        urlRequest.httpMethod = request.method
        for h in request.headers { urlRequest.addValue(h.value, forHTTPHeaderField: h.name) }
        urlRequest.httpBody = request.method == "GET" ? nil : request.bodyData
        let started = Date()
        let clock = ContinuousClock()
        let t0 = clock.now
        let outcome = await perform(urlRequest)
        let latency = (clock.now - t0).seconds
        return Attempt(number: number, startedAt: started, latency: latency, outcome: outcome)
    }

    /// One data task, raced against the overall timeout; task cancellation cancels the data task.
    private func perform(_ request: URLRequest) async -> Result<HTTPResponse, NetworkError> {
        let url = request.url!
        let overall = configuration.overallTimeout
        let state = TaskBox()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<HTTPResponse, NetworkError>, Never>) in
                let once = ResumeOnce(continuation)
                let task = session.dataTask(with: request) { data, response, error in
                    state.finish()
                    if let error {
                        once.resume(.failure(state.timedOut ? .timedOut(seconds: overall) : NetworkError.from(error, url: url, timeout: Self.wholeSeconds(self.configuration.connectTimeout))))
                    } else if let http = response as? HTTPURLResponse {
                        once.resume(.success(HTTPResponse(status: http.statusCode, headers: Self.headers(of: http), body: data ?? Data())))
                    } else {
                        once.resume(.failure(.connectionReset))
                    }
                }
                state.set(task)
                // Foundation on Linux does not always enforce the resource timeout, so the overall limit is ours.
                DispatchQueue.global().asyncAfter(deadline: .now() + overall) {
                    if state.markTimedOut() { once.resume(.failure(.timedOut(seconds: overall))) }
                }
                if Task.isCancelled { state.cancel() }
                task.resume()
            }
        } onCancel: {
            state.cancel()
        }
    }

    /// A timeout as URLSession can honour it. Foundation on Linux truncates timeouts to whole seconds
    /// (`Int(0.5) * 1000` ms = 0, which fires at once and fails every request), so sub-second values are
    /// rounded up; the exact overall limit is enforced by `perform`'s own timer.
    static func wholeSeconds(_ seconds: Double) -> Double {
        guard seconds.isFinite else { return 86_400 }
        return min(86_400, max(1, seconds.rounded(.up)))
    }

    static func headers(of response: HTTPURLResponse) -> [Header] {
        response.allHeaderFields.compactMap { k, v in (k as? String).map { Header($0.lowercased(), "\(v)") } }
            .sorted { $0.name < $1.name }
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
