/// How an embedded or standalone sandbox behaves.
public struct SandboxConfiguration: Sendable, Hashable {
    /// Port on 127.0.0.1; 0 lets the system pick a free one (read it back from `SandboxServer.start()`).
    public var port: Int
    /// Random faults, checked in order for every API request (not for `/sandbox/...` control routes).
    /// Their rates must add up to at most 1: a request gets at most one fault.
    public var faults: [FaultRule]
    /// Delay before every API answer; nil answers at once.
    public var latency: Latency?
    /// Seed for fault draws, latency and event ids; nil seeds from the system generator.
    public var seed: UInt64?
    /// Keys the sandbox accepts; nil accepts any non-empty key (a missing key is always a 401).
    public var validKeys: Set<String>?
    /// How many accepted events `GET /sandbox/events` keeps (oldest dropped first).
    public var eventCapacity: Int
    /// How many bytes of accepted events the sandbox keeps (oldest dropped first), measured as the events' JSON
    /// at `GET /sandbox/events`. The count cap alone let 10,000 events of up to 2 MB each grow without bound.
    public var eventByteCapacity: Int
    /// A connection with no request in progress is closed after this long. Headers count only once complete,
    /// so this is also the limit for sending a request's headers.
    public var idleTimeout: Duration
    /// Time from a request's headers to the end of its body; a slower request gets 408 and its connection closes.
    /// Also how long the sandbox goes on reading (and dropping) the rest of a request it answered early.
    public var requestTimeout: Duration
    /// Open connections served at once; each one over it is answered 503 and closed.
    public var maxConnections: Int

    public init(
        port: Int = 0,
        faults: [FaultRule] = [],
        latency: Latency? = nil,
        seed: UInt64? = nil,
        validKeys: Set<String>? = nil,
        eventCapacity: Int = 10_000,
        eventByteCapacity: Int = 64 * 1024 * 1024,
        idleTimeout: Duration = .seconds(30),
        requestTimeout: Duration = .seconds(30),
        maxConnections: Int = 256
    ) {
        self.port = port
        self.faults = faults
        self.latency = latency
        self.seed = seed
        self.validKeys = validKeys
        self.eventCapacity = eventCapacity
        self.eventByteCapacity = eventByteCapacity
        self.idleTimeout = idleTimeout
        self.requestTimeout = requestTimeout
        self.maxConnections = maxConnections
    }
}

/// The ThriveStack batch limits the sandbox enforces (2025 docs: 1,000 objects or 2 MB per request).
public enum SandboxLimits {
    public static let maxEventsPerRequest = 1000
    public static let maxBodyBytes = 2 * 1024 * 1024
}
