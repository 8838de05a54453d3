#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the sandbox could not start.
public struct SandboxServerError: Error, Sendable, CustomStringConvertible {
    public let message: String
    /// The errno of the failed bind or listen, when that is what failed.
    public let errno: Int32?

    public init(message: String, errno: Int32? = nil) {
        self.message = message
        self.errno = errno
    }

    public var description: String { message }

    /// The one line for a port that could not be bound, with a hint that fits the cause. A busy port and a
    /// privileged one need different advice: "is the port in use?" misleads someone who lacks the permission.
    public static func listenFailed(port: Int, errno code: Int32?, fallback: String) -> SandboxServerError {
        let prefix = "sandbox could not listen on 127.0.0.1:\(port)"
        switch code {
        case EADDRINUSE?:
            return SandboxServerError(
                message: "\(prefix): address already in use (is another program on that port? port 0 picks a free one)",
                errno: code)
        case EACCES?, EPERM?:
            return SandboxServerError(
                message: "\(prefix): permission denied (ports below 1024 need root; pick a higher port, or 0 for a free one)",
                errno: code)
        case let code?:
            // NIO's own text names internal functions ("bind(descriptor:ptr:bytes:)"); the errno says it plainly.
            return SandboxServerError(message: "\(prefix): \(String(cString: strerror(code)).lowercased())", errno: code)
        case nil:
            return SandboxServerError(message: "\(prefix): \(fallback)")
        }
    }
}
