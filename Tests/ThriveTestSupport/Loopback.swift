#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import ThriveSandbox

/// A sandbox on a free port for one test; always stopped afterwards.
public func withSandbox<T>(
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

/// A port on 127.0.0.1 with nothing listening: connecting to it is refused.
public func closedPort() throws -> Int {
    let (fd, port) = try boundSocket(listening: false)
    close(fd)
    return port
}

/// A socket bound to a free port on 127.0.0.1; the caller closes it.
///
/// Ports come from below the ephemeral range (32768 and up on Linux), so no other test's listener or client
/// socket is given the port meanwhile (a client socket given its own destination port connects to itself).
public func boundSocket(listening: Bool = true) throws -> (fd: Int32, port: Int) {
    for _ in 0..<500 {
        let port = Int.random(in: 20_000..<32_000)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { break }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let ok = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        } && (!listening || listen(fd, 1) == 0)
        if ok { return (fd, port) }
        close(fd)
    }
    throw POSIXError(.EADDRINUSE)
}

/// True when `port` on 127.0.0.1 can be bound now, i.e. no server listens on it.
///
/// SO_REUSEADDR, as servers use: connections just closed on the port linger in TIME_WAIT, and they
/// do not keep a new server from listening there.
public func canBind(port: Int) -> Bool {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var one: Int32 = 1
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = UInt16(port).bigEndian
    return withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
    }
}
