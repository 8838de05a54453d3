import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import ThriveCore

/// The real sender: AsyncHTTPClient, async and cancellable, measuring latency, retrying 429s with backoff.
///
/// It replaced URLSession because linking FoundationNetworking loads libcurl and its thirty libraries at launch,
/// before the first frame, whether or not anything is sent (README, "HTTP client").
public final class HTTPSender: RequestSending {
    public let configuration: SenderConfiguration
    /// A response body larger than this is refused rather than held in memory.
    public static let maxBodyBytes = 64 << 20
    /// nil: the process's environment, read at each send rather than at start-up.
    private let environment: [String: String]?
    private let sleep: @Sendable (Double) async throws -> Void

    /// `environment` supplies the proxy variables (`https_proxy`, `no_proxy`…), read as curl reads them; nil reads
    /// the process's own.
    public init(configuration: SenderConfiguration = SenderConfiguration(),
                environment: [String: String]? = nil,
                sleep: @escaping @Sendable (Double) async throws -> Void = { try await Task.sleep(for: .seconds($0)) }) {
        self.configuration = configuration
        self.environment = environment
        self.sleep = sleep
    }

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
        let started = Date()
        let clock = ContinuousClock()
        let t0 = clock.now
        let outcome = await perform(request)
        return Attempt(number: number, startedAt: started, latency: (clock.now - t0).seconds, outcome: outcome)
    }

    /// One exchange, raced against the overall timeout; cancelling the task cancels the request.
    private func perform(_ request: APIRequest) async -> Result<HTTPResponse, NetworkError> {
        if Task.isCancelled { return .failure(.cancelled) }
        let client: HTTPClient, proxy: ProxySetting?
        do {
            (client, proxy) = try HTTPClients.client(for: request.url, connectTimeout: configuration.connectTimeout,
                                                     environment: environment ?? ProcessInfo.processInfo.environment)
        } catch {
            return .failure(.other(detail: error.message))
        }
        let overall = configuration.overallTimeout
        let connectTimeout = configuration.connectTimeout
        let outcome: Result<HTTPResponse, NetworkError>? = await withTaskGroup(of: Result<HTTPResponse, NetworkError>?.self) { group in
            group.addTask {
                do {
                    return .success(try await Self.exchange(request, client: client, deadline: overall))
                } catch {
                    if Task.isCancelled { return nil }
                    return .failure(NetworkError.from(error, url: request.url, timeout: connectTimeout).through(proxy))
                }
            }
            group.addTask {
                // Our own timer, so the limit is exact whatever phase the request is in.
                try? await Task.sleep(for: .seconds(overall))
                return Task.isCancelled ? nil : .failure(.timedOut(seconds: overall))
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        // nil: the task was cancelled from outside, not by the timer.
        return outcome ?? .failure(.cancelled)
    }

    private static func exchange(_ request: APIRequest, client: HTTPClient, deadline seconds: Double) async throws -> HTTPResponse {
        var outgoing = HTTPClientRequest(url: request.url.absoluteString)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for h in request.headers { outgoing.headers.add(name: h.name, value: h.value) }
        if !outgoing.headers.contains(name: "User-Agent") { outgoing.headers.add(name: "User-Agent", value: "thrive-inspector") }
        if request.method != "GET" { outgoing.body = .bytes(ByteBuffer(bytes: request.bodyData)) }
        // A little past our own timer, so ours is the one that fires and names the limit.
        let response = try await client.execute(outgoing, timeout: .nanoseconds(Int64(min(86_400, seconds + 1) * 1e9)))
        let body = try await response.body.collect(upTo: maxBodyBytes)
        let headers = response.headers.map { Header($0.name.lowercased(), $0.value) }.sorted { $0.name < $1.name }
        return HTTPResponse(status: Int(response.status.code), headers: headers, body: Data(body.readableBytesView))
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
