import Foundation
import Testing
import ThriveTestSupport
import ThriveCore
import ThriveSandbox
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@Suite("Sandbox fault injection")
struct SandboxFaultTests {
    @Test func forcedRateLimitThenNormal() async throws {
        try await withSandbox { server, port in
            server.enqueue(.rateLimited)
            let limited = try await send(port: port, path: "/api/track", body: validTrack)
            #expect(limited.status == 429)
            #expect(limited.headers["retry-after"] == "1")
            #expect(limited.json?["error"] == .string("rate limited (sandbox fault injection)"))
            #expect(server.receivedEvents().isEmpty)

            let normal = try await send(port: port, path: "/api/track", body: validTrack)
            #expect(normal.status == 200)
        }
    }

    @Test func forcedFaultsComeOutInOrder() async throws {
        try await withSandbox { server, port in
            server.enqueue([.serverError, .status(503, retryAfter: 7)])
            let first = try await send(port: port, path: "/api/identify", body: #"[{"user_id":"u"}]"#)
            #expect(first.status == 500)
            #expect(first.headers["retry-after"] == nil)
            let second = try await send(port: port, path: "/api/identify", body: #"[{"user_id":"u"}]"#)
            #expect(second.status == 503)
            #expect(second.headers["retry-after"] == "7")
            #expect(server.pendingFaults.isEmpty)
        }
    }

    @Test func controlRoutesDoNotConsumeFaults() async throws {
        try await withSandbox { server, port in
            server.enqueue(.serverError)
            let health = try await send("GET", port: port, path: "/sandbox/health")
            #expect(health.status == 200)
            #expect(server.pendingFaults == [.serverError])
        }
    }

    @Test func dropClosesTheConnectionWithoutAResponse() async throws {
        try await withSandbox { server, port in
            server.enqueue(.drop)
            let error = await #expect(throws: URLError.self) {
                _ = try await send(port: port, path: "/api/track", body: validTrack)
            }
            // A close with no answer, not a timeout or a refusal (the code differs between Linux and Apple Foundation).
            #expect(error.map { URLError.closedWithoutAnswer.contains($0.code) } == true, "\(String(describing: error))")
            #expect(server.receivedEvents().isEmpty)
            let after = try await send(port: port, path: "/api/track", body: validTrack)
            #expect(after.status == 200)
        }
    }

    @Test func hangHoldsUntilTheClientGivesUp() async throws {
        try await withSandbox { server, port in
            server.enqueue(.hang)
            let clock = ContinuousClock()
            let started = clock.now
            let error = await #expect(throws: URLError.self) {
                _ = try await postGivingUpAfterOneSecond(port: port, body: validTrack)
            }
            #expect(error?.code == .timedOut)
            // The sandbox held the request until the client's own limit, it did not fail it early.
            #expect(clock.now - started >= .milliseconds(900))
            #expect(server.receivedEvents().isEmpty)
            let after = try await send("GET", port: port, path: "/sandbox/health")
            #expect(after.status == 200)
        }
    }

    /// A POST whose client gives up after one second. Foundation on Linux ignores `URLRequest.timeoutInterval`
    /// (the session's 60 s default wins) and truncates timeouts to whole seconds, so the limit goes on the
    /// session configuration, as one second.
    private func postGivingUpAfterOneSecond(port: Int, body: String) async throws -> Int {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 1
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }
        var request = URLRequest(url: try #require(URL(string: "http://127.0.0.1:\(port)/api/track")))
        request.httpMethod = "POST"
        request.setValue("test-key-123456", forHTTPHeaderField: "x-api-key")
        request.setValue("application/json", forHTTPHeaderField: "content-type")
        request.httpBody = Data(body.utf8)
        let (_, response) = try await session.data(for: request)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }

    @Test func stopEndsAHangingRequest() async throws {
        let server = SandboxServer()
        let port = try await server.start()
        server.enqueue(.hang)
        let client = Task { try await send(port: port, path: "/api/track", body: validTrack, timeout: 30) }
        while !server.pendingFaults.isEmpty { try await Task.sleep(for: .milliseconds(10)) }
        await server.stop()
        let outcome = await client.result
        let error = #expect(throws: URLError.self) { _ = try outcome.get() }
        // Ended by the stop, long before the client's own 30 s limit would have made it a timeout.
        #expect(error.map { URLError.closedWithoutAnswer.contains($0.code) } == true, "\(String(describing: error))")
    }

    @Test func latencyDelaysTheAnswer() async throws {
        let latency = try Latency.parse("300ms")
        try await withSandbox(SandboxConfiguration(latency: latency)) { _, port in
            let clock = ContinuousClock()
            let start = clock.now
            let reply = try await send(port: port, path: "/api/track", body: validTrack)
            #expect(reply.status == 200)
            #expect(clock.now - start >= .milliseconds(300))
        }
    }

    @Test func randomFaultsFollowTheSeed() async throws {
        func statuses(seed: UInt64) async throws -> [Int] {
            let configuration = SandboxConfiguration(faults: [try FaultRule.parse("500:0.5")], seed: seed)
            return try await withSandbox(configuration) { _, port in
                var seen: [Int] = []
                for _ in 0..<12 { seen.append(try await send(port: port, path: "/api/track", body: validTrack).status) }
                return seen
            }
        }
        let first = try await statuses(seed: 42)
        #expect(try await statuses(seed: 42) == first)
        #expect(first.contains(500) && first.contains(200), "a 0.5 rule should both fire and not fire in 12 draws: \(first)")
    }

    @Test func certainFaultAlwaysFires() async throws {
        try await withSandbox(SandboxConfiguration(faults: [try FaultRule.parse("503")])) { _, port in
            for _ in 0..<3 {
                let reply = try await send(port: port, path: "/api/group", body: #"[{"group_id":"g","user_id":"u"}]"#)
                #expect(reply.status == 503)
            }
        }
    }
}

extension URLError {
    /// What Foundation reports when the server closes the connection without answering: Linux (libcurl's
    /// "Empty reply from server") and Apple platforms use different codes for it.
    static let closedWithoutAnswer: Set<URLError.Code> = [.badServerResponse, .networkConnectionLost]
}
