#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TerminalScreen

/// Wakes a thread blocked in `NcursesTerminal.nextEvents` from any thread or task, e.g. when an
/// HTTP response arrives. A self-pipe: `wake()` writes one byte without blocking; when the pipe
/// is already full the wake-up is already pending, so extra calls coalesce.
///
/// Sendable because its only state is two file descriptors fixed at init; `write` and `read`
/// on a pipe are safe from any thread.
public final class Waker: TerminalWaker {
    /// Poll this for readability; `NcursesTerminal.nextEvents(timeout:waker:)` does so and drains it.
    public let readFD: Int32
    let writeFD: Int32

    public init() throws(TerminalError) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw .systemCall("pipe", errno: errno) }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        readFD = fds[0]
        writeFD = fds[1]
    }

    deinit {
        close(readFD)
        close(writeFD)
    }

    /// Makes the next (or current) `nextEvents` call return. Never blocks.
    public func wake() {
        var byte: UInt8 = 1
        _ = write(writeFD, &byte, 1)
    }

    /// Empties the pipe; returns true if there was at least one wake-up in it.
    @discardableResult
    public func drain() -> Bool { Self.drain(fd: readFD) }

    /// Reads until the descriptor has nothing more, without blocking even if it is a blocking descriptor.
    static func drain(fd: Int32) -> Bool {
        var any = false
        var buffer = [UInt8](repeating: 0, count: 256)
        while true {
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&p, 1, 0) == 1, p.revents & Int16(POLLIN) != 0 else { return any }
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { return any }
            any = true
        }
    }
}
