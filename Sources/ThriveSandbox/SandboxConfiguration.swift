/// How an embedded or standalone sandbox behaves.
public struct SandboxConfiguration: Sendable, Hashable {
    /// Port on 127.0.0.1; 0 lets the system pick a free one (read it back from `SandboxServer.start()`).
    public var port: Int
    /// Random faults, checked in order for every API request (not for `/sandbox/...` control routes).
    public var faults: [FaultRule]
    /// Delay before every API answer; nil answers at once.
    public var latency: Latency?
    /// Seed for fault draws, latency and event ids; nil seeds from the system generator.
    public var seed: UInt64?
    /// Keys the sandbox accepts; nil accepts any non-empty key (a missing key is always a 401).
    public var validKeys: Set<String>?
    /// How many accepted events `GET /sandbox/events` keeps (oldest dropped first).
    public var eventCapacity: Int

    public init(
        port: Int = 0,
        faults: [FaultRule] = [],
        latency: Latency? = nil,
        seed: UInt64? = nil,
        validKeys: Set<String>? = nil,
        eventCapacity: Int = 10_000
    ) {
        self.port = port
        self.faults = faults
        self.latency = latency
        self.seed = seed
        self.validKeys = validKeys
        self.eventCapacity = eventCapacity
    }
}

/// The ThriveStack batch limits the sandbox enforces (2025 docs: 1,000 objects or 2 MB per request).
public enum SandboxLimits {
    public static let maxEventsPerRequest = 1000
    public static let maxBodyBytes = 2 * 1024 * 1024
}
