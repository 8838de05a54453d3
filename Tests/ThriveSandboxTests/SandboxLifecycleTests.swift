import Foundation
import Testing
import ThriveTestSupport
import ThriveSandbox
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@Suite("Sandbox lifecycle")
struct SandboxLifecycleTests {
    @Test func portZeroReportsTheRealPortAndStopReleasesIt() async throws {
        let server = SandboxServer()
        let port = try await server.start()
        #expect(port > 0)
        #expect(server.port == port)
        #expect(try await server.start() == port, "starting twice keeps the same server")
        #expect(try await send("GET", port: port, path: "/sandbox/health").status == 200)

        await server.stop()
        #expect(server.port == nil)
    }

    /// On a port below the ephemeral range, so no other test's server can be handed it after the stop.
    @Test func stopReleasesThePort() async throws {
        let port = try closedPort()
        let server = SandboxServer(configuration: SandboxConfiguration(port: port))
        #expect(try await server.start() == port)
        #expect(try await send("GET", port: port, path: "/sandbox/health").status == 200)
        #expect(!canBind(port: port), "held while serving")
        await server.stop()
        // The listener closes on its event loop as the server task ends; allow it a moment under load.
        var released = canBind(port: port)
        for _ in 0..<40 where !released {
            try await Task.sleep(for: .milliseconds(50))
            released = canBind(port: port)
        }
        #expect(released, "released after stop()")
    }

    @Test func canRestartAfterStop() async throws {
        let server = SandboxServer()
        _ = try await server.start()
        await server.stop()
        let port = try await server.start()
        #expect(try await send("GET", port: port, path: "/sandbox/health").status == 200)
        await server.stop()
    }

    @Test func busyPortIsAClearError() async throws {
        try await withSandbox { _, port in
            let second = SandboxServer(configuration: SandboxConfiguration(port: port))
            let error = await #expect(throws: SandboxServerError.self) { _ = try await second.start() }
            #expect(error?.errno == EADDRINUSE)
            #expect(error?.message == "sandbox could not listen on 127.0.0.1:\(port): address already in use"
                + " (is another program on that port? port 0 picks a free one)")
            #expect(second.port == nil)
        }
    }

    @Test func runUntilCancelledServesThenStops() async throws {
        let server = SandboxServer()
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let running = Task { try await server.runUntilCancelled { continuation.yield($0) } }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        #expect(server.banner(port: port).contains("http://127.0.0.1:\(port)/api"))
        #expect(try await send("GET", port: port, path: "/sandbox/health").status == 200)
        running.cancel()
        try await running.value
        #expect(server.port == nil)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/curl")))
    func curlCanPostToTheSandbox() async throws {
        try await withSandbox { server, port in
            let output = try await runCurl([
                "-s", "-w", "\n%{http_code}", "-X", "POST", "http://127.0.0.1:\(port)/api/track",
                "-H", "content-type: application/json", "-H", "x-api-key: curl-key-0000", "--data", validTrack,
            ])
            let lines = output.split(separator: "\n")
            #expect(lines.last == "200")
            #expect(lines.first?.contains("\"eventId\":\"evt_") == true)
            #expect(server.receivedEvents().count == 1)
        }
    }

    private func runCurl(_ arguments: [String]) async throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            process.terminationHandler = { _ in continuation.resume() }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        return String(decoding: data, as: UTF8.self)
    }
}
