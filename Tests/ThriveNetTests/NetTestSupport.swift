import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import ThriveCore
import ThriveNet
import ThriveSandbox

/// A sandbox on a free port for one test; always stopped afterwards.
func withSandbox<T>(
    _ configuration: SandboxConfiguration = SandboxConfiguration(),
    _ body: (SandboxServer, Int) async throws -> T
) async throws -> T {
    let server = SandboxServer(configuration: configuration)
    let port = try await server.start()
    do {
        let result = try await body(server, port)
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}

/// A port on 127.0.0.1 with nothing listening, below the ephemeral range (32768 and up on Linux): the system
/// hands it to no other test's listener or client socket meanwhile (a client socket given the same port as its
/// destination connects to itself), so connecting to it is refused.
func closedPort() throws -> Int {
    for _ in 0..<500 {
        let port = Int.random(in: 20_000..<32_000)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { break }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        if bound { return port }
    }
    throw POSIXError(.EADDRINUSE)
}

let testKey = "test-key-1234567890"

/// A `signed_up` track request for the sandbox on `port`; `key: nil` sends no auth header.
func trackRequest(port: Int, key: String? = testKey, body: JSONValue? = nil) throws -> APIRequest {
    let event = try body ?? JSONParser.parse(#"[{"event_name":"signed_up","user_id":"u-1","properties":{"user_email":"a@b.co","user_name":"A"}}]"#)
    return RequestBuilder(target: .sandbox(port: port), apiKey: key).build(endpoint: .track, body: event)
}

/// Collects values handed to `@Sendable` callbacks (attempts heard, delays slept) for later checks.
final class Recorder<T: Sendable>: Sendable {
    private let items = Mutex<[T]>([])
    func append(_ item: T) { items.withLock { $0.append(item) } }
    var values: [T] { items.withLock { $0 } }
}

/// A sender whose retry waits are recorded instead of slept, so Retry-After can be checked without waiting.
func instantSender(_ configuration: SenderConfiguration = SenderConfiguration(), slept: Recorder<Double>) -> URLSessionSender {
    URLSessionSender(configuration: configuration, sleep: { seconds in
        slept.append(seconds)
        try Task.checkCancellation()
    })
}
