#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A plain TCP client on 127.0.0.1 for what URLSession cannot do: stay idle, trickle bytes, write a whole body
/// without reading, and see the server close.
///
/// The socket is non-blocking and every wait polls then sleeps the task, so no cooperative thread is blocked (the
/// sandbox answers on those threads too) and every loop ends at its deadline: a broken server fails a test,
/// it never hangs it.
final class RawConnection {
    /// How a read or a write ended.
    enum End: Equatable, CustomStringConvertible {
        case complete
        /// The server closed: FIN (EOF) or RST (reset, broken pipe).
        case closed
        case timedOut
        var description: String { self == .complete ? "complete" : self == .closed ? "closed" : "timed out" }
    }

    let fd: Int32

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EMFILE) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            let code = errno
            close(fd)
            throw POSIXError(POSIXErrorCode(rawValue: code) ?? .ECONNREFUSED)
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        #if canImport(Darwin)
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
    }

    deinit { close(fd) }

    /// Writes all of `bytes` unless the server closes first or `limit` passes.
    func write(_ bytes: [UInt8], within limit: Duration = .seconds(30)) async -> (sent: Int, end: End) {
        let deadline = ContinuousClock.now + limit
        var sent = 0
        for _ in 0..<Self.maxSteps where sent < bytes.count {
            let n = bytes.withUnsafeBytes { raw in
                send(fd, raw.baseAddress! + sent, bytes.count - sent, Self.noSignal)
            }
            if n > 0 { sent += n; continue }
            guard n < 0, errno == EAGAIN || errno == EWOULDBLOCK else { return (sent, .closed) }
            guard await pause(until: deadline) else { return (sent, .timedOut) }
        }
        return (sent, sent == bytes.count ? .complete : .timedOut)
    }

    func write(_ text: String, within limit: Duration = .seconds(30)) async -> End {
        await write(Array(text.utf8), within: limit).end
    }

    /// True when the server has sent something or closed: a read would not have to wait.
    func hasInput() -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, 0) > 0
    }

    /// Reads until the server closes, `maxBytes` arrived, or `limit` passes.
    func readUntilClosed(within limit: Duration = .seconds(30), maxBytes: Int = 1 << 20) async -> (bytes: [UInt8], end: End) {
        await read(within: limit, maxBytes: maxBytes) { _ in false }
    }

    /// Reads one response head (up to the blank line), or whatever came before the server closed or time ran out.
    func readHead(within limit: Duration = .seconds(30)) async -> (text: String, end: End) {
        let result = await read(within: limit, maxBytes: 64 * 1024) { $0.contains("\r\n\r\n") }
        return (String(decoding: result.bytes, as: UTF8.self), result.end)
    }

    private func read(within limit: Duration, maxBytes: Int, done: (String) -> Bool) async -> (bytes: [UInt8], end: End) {
        let deadline = ContinuousClock.now + limit
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        for _ in 0..<Self.maxSteps where bytes.count < maxBytes {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n > 0 {
                bytes.append(contentsOf: buffer[0..<n])
                if done(String(decoding: bytes, as: UTF8.self)) { return (bytes, .complete) }
                continue
            }
            if n == 0 { return (bytes, .closed) }
            guard errno == EAGAIN || errno == EWOULDBLOCK else { return (bytes, .closed) }
            guard await pause(until: deadline) else { return (bytes, .timedOut) }
        }
        return (bytes, bytes.count >= maxBytes ? .complete : .timedOut)
    }

    /// Sleeps a little; false once the deadline has passed.
    private func pause(until deadline: ContinuousClock.Instant) async -> Bool {
        guard ContinuousClock.now < deadline else { return false }
        try? await Task.sleep(for: .milliseconds(5))
        return true
    }

    /// A cap on loop turns besides the deadline (each turn moves bytes or sleeps 5 ms).
    private static let maxSteps = 1_000_000

    #if canImport(Glibc)
    private static let noSignal = Int32(MSG_NOSIGNAL)
    #else
    private static let noSignal: Int32 = 0
    #endif
}

/// The status code of a raw response head (`HTTP/1.1 503 …`), if it has one.
func statusCode(of head: String) -> Int? {
    let parts = head.split(separator: " ", maxSplits: 2)
    guard parts.count >= 2, parts[0].hasPrefix("HTTP/") else { return nil }
    return Int(parts[1])
}

/// A header's value in a raw response head, by case-insensitive name.
func headerValue(_ name: String, in head: String) -> String? {
    for line in head.split(separator: "\r\n").dropFirst() {
        let pair = line.split(separator: ":", maxSplits: 1)
        if pair.count == 2, pair[0].lowercased() == name.lowercased() { return pair[1].trimmingCharacters(in: .whitespaces) }
    }
    return nil
}
