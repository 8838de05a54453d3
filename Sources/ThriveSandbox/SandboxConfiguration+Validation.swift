extension SandboxConfiguration {
    /// Checks the values a command line or a caller can get wrong; `SandboxServer.start()` calls it first, so a
    /// bad configuration fails with one clear line instead of a sandbox that behaves oddly.
    public func validate() throws(SandboxConfigurationError) {
        guard (0...65_535).contains(port) else {
            throw SandboxConfigurationError("port must be between 0 and 65535, not \(port)")
        }
        for rule in faults where !(rule.probability.isFinite && (0...1).contains(rule.probability)) {
            throw SandboxConfigurationError("fault \(rule): the rate must be a number from 0 to 1")
        }
        // One draw picks at most one fault per request, so rates over 1 in total cannot all be honoured.
        let total = faults.reduce(0) { $0 + $1.probability }
        if total > 1 + 1e-9 {
            let rules = faults.map(\.description).joined(separator: ", ")
            throw SandboxConfigurationError(
                "fault rates add up to \(Self.format(total)) (\(rules)); together they must be at most 1, as a request gets at most one fault")
        }
        guard eventCapacity >= 0 else { throw SandboxConfigurationError("event capacity must not be negative, not \(eventCapacity)") }
        guard eventByteCapacity >= 0 else {
            throw SandboxConfigurationError("event byte capacity must not be negative, not \(eventByteCapacity)")
        }
        guard idleTimeout > .zero else { throw SandboxConfigurationError("idle timeout must be longer than zero") }
        guard requestTimeout > .zero else { throw SandboxConfigurationError("request timeout must be longer than zero") }
        guard maxConnections >= 1 else {
            throw SandboxConfigurationError("connection limit must be at least 1, not \(maxConnections)")
        }
    }

    /// `1.3`, not `1.2999999999999998`: the sum of decimal rates as a person wrote them.
    private static func format(_ value: Double) -> String {
        let rounded = (value * 1_000_000).rounded() / 1_000_000
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
