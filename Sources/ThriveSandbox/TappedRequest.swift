import ThriveCore

/// One API request exactly as the sandbox read it: method, path, headers unmasked and in order, body bytes.
///
/// Handed to a `SandboxServer`'s `requestTap` and never stored: the event log keeps parsed events with masked
/// headers, which cannot show whether two clients (the app's sender, a copied curl or Python program) put the
/// same key and the same bytes on the wire.
public struct TappedRequest: Sendable, Hashable {
    public var method: String
    /// The request target as sent: path and query (`/api/track`).
    public var target: String
    public var headers: [Header]
    public var body: [UInt8]

    public init(method: String, target: String, headers: [Header], body: [UInt8]) {
        self.method = method; self.target = target; self.headers = headers; self.body = body
    }

    /// The first value of a header, names compared case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}
