/// A bad `--fault`, `--latency` or configuration value, with a message that names the bad part.
public struct SandboxConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
