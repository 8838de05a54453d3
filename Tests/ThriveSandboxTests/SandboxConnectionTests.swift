import Foundation
import Testing
import ThriveTestSupport
import ThriveSandbox

/// Slow, idle, greedy and too many clients, on raw sockets against a real sandbox. Every wait is bounded; the
/// sandbox's timeouts here are short and the tests' limits generous, and no test asserts how long anything took.
@Suite("Sandbox connection limits and timeouts")
struct SandboxConnectionTests {
    @Test func idleConnectionsAreClosedAndTheSandboxStillAnswers() async throws {
        try await withSandbox(SandboxConfiguration(idleTimeout: .seconds(1))) { _, port in
            let idle = try (0..<20).map { _ in try RawConnection(port: port) }
            // One limit for them all: the server closes them at about the same time.
            let deadline = ContinuousClock.now + .seconds(30)
            for (n, connection) in idle.enumerated() {
                let result = await connection.readUntilClosed(within: max(.zero, deadline - .now))
                #expect(result.end == .closed, "idle connection \(n) was left open")
                #expect(result.bytes.isEmpty, "an idle connection is closed without an answer")
            }
            #expect(try await send("GET", port: port, path: "/sandbox/health").status == 200)
        }
    }

    @Test func headersSentByteByByteAreCutOff() async throws {
        try await withSandbox(SandboxConfiguration(idleTimeout: .seconds(1))) { _, port in
            let connection = try RawConnection(port: port)
            var end = await connection.write("POST /api/track HTTP/1.1\r\nhost: x\r\n")
            // One more header line every 100 ms: each write is activity, but the headers never end.
            for n in 0..<300 where end == .complete {
                end = await connection.write("x-slow-\(n): y\r\n")
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(end == .closed, "the server kept reading headers that never end")
        }
    }

    @Test func aBodyTooSlowGets408AndTheConnectionCloses() async throws {
        let configuration = SandboxConfiguration(idleTimeout: .seconds(60), requestTimeout: .seconds(1))
        try await withSandbox(configuration) { server, port in
            let connection = try RawConnection(port: port)
            var end = await connection.write(
                "POST /api/track HTTP/1.1\r\nhost: x\r\nx-api-key: k\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n[")
            // A byte every 100 ms keeps the idle timer happy but would take 100 s to finish the body.
            for _ in 0..<300 where end == .complete && !connection.hasInput() {
                end = await connection.write(" ")
                try await Task.sleep(for: .milliseconds(100))
            }
            let head = await connection.readHead()
            #expect(statusCode(of: head.text) == 408, "\(head.text)")
            let rest = await connection.readUntilClosed(within: .seconds(30))
            #expect((head.text + String(decoding: rest.bytes, as: UTF8.self)).contains("\"success\":false"))
            #expect(rest.end == .closed)
            #expect(server.receivedEvents().isEmpty)
        }
    }

    @Test func connectionsOverTheLimitGet503AndServiceResumes() async throws {
        let configuration = SandboxConfiguration(idleTimeout: .seconds(120), maxConnections: 3)
        try await withSandbox(configuration) { _, port in
            // Each held connection answers one request first, so the server has surely counted it.
            var held: [RawConnection] = []
            for _ in 0..<3 {
                let connection = try RawConnection(port: port)
                #expect(await connection.write("GET /sandbox/health HTTP/1.1\r\nhost: x\r\n\r\n") == .complete)
                let head = await connection.readHead()
                #expect(statusCode(of: head.text) == 200, "\(head.text)")
                held.append(connection)
            }
            let extra = try RawConnection(port: port)
            _ = await extra.write("GET /sandbox/health HTTP/1.1\r\nhost: x\r\n\r\n")
            let refused = await extra.readUntilClosed()
            let text = String(decoding: refused.bytes, as: UTF8.self)
            #expect(statusCode(of: text) == 503, "\(text)")
            #expect(headerValue("connection", in: text) == "close")
            #expect(text.contains("limit of 3 connections"))
            #expect(refused.end == .closed, "a refused connection is closed, not kept")

            // Once one held connection closes, new clients are served again (the count drops as it closes).
            held.removeFirst()
            var status = 0
            for _ in 0..<300 where status != 200 {
                status = (try? await send("GET", port: port, path: "/sandbox/health"))?.status ?? 0
                if status != 200 { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(status == 200)
        }
    }

    /// A client that writes a whole 10 MB body before reading: with a declared length (the sandbox answers 400
    /// after 2 MB) and with none (the bytes after the headers are a malformed next request).
    @Test(arguments: [true, false])
    func aWriterOfTenMegabytesGetsItsAnswerAndAClose(declaresLength: Bool) async throws {
        let configuration = SandboxConfiguration(idleTimeout: .seconds(120), requestTimeout: .seconds(120))
        try await withSandbox(configuration) { server, port in
            let connection = try RawConnection(port: port)
            let size = 10 * 1024 * 1024
            let length = declaresLength ? "content-length: \(size)\r\n" : ""
            #expect(await connection.write("POST /api/track HTTP/1.1\r\nhost: x\r\nx-api-key: k\r\n\(length)\r\n") == .complete)
            let written = await connection.write([UInt8](repeating: UInt8(ascii: "x"), count: size), within: .seconds(60))
            // The sandbox reads (and drops) the rest, so the whole write goes through rather than being reset.
            #expect(written.end == .complete, "the writer was \(written.end) after \(written.sent) bytes")
            let answer = await connection.readUntilClosed(within: .seconds(30))
            let text = String(decoding: answer.bytes, as: UTF8.self)
            #expect(statusCode(of: text) == 400, "\(text.prefix(300))")
            #expect(answer.end == .closed, "the connection stayed open after the answer")
            #expect(server.receivedEvents().isEmpty)
        }
    }
}
