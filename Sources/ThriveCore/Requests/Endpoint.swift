/// The three ThriveStack ingestion endpoints.
public enum Endpoint: String, Sendable, CaseIterable, Hashable, Codable {
    case track, identify, group

    /// Path under the API base URL, e.g. `/track` (the base already ends in `/api`).
    public var path: String { "/" + rawValue }

    /// Top-level fields every object sent to this endpoint must have.
    public var requiredKeys: [String] {
        switch self {
        case .track: return ["event_name", "user_id"]
        case .identify: return ["user_id"]
        case .group: return ["group_id", "user_id"]
        }
    }

    /// Top-level fields the API knows for this endpoint, in the order the docs list them.
    public var knownKeys: [String] {
        switch self {
        case .track: return ["event_name", "user_id", "properties", "context", "timestamp"]
        case .identify: return ["user_id", "traits", "context", "timestamp"]
        case .group: return ["group_id", "user_id", "traits", "context", "timestamp"]
        }
    }

    /// Picks the endpoint from a URL path such as `/api/track`.
    public init?(path: String) {
        let last = path.split(separator: "/").last.map(String.init)?.lowercased() ?? ""
        guard let e = Endpoint(rawValue: last) else { return nil }
        self = e
    }
}
