import Foundation

/// How the API key is sent.
public enum AuthStyle: String, Sendable, Hashable, Codable, CaseIterable {
    /// `x-api-key: KEY` (current docs, the default).
    case apiKey = "x-api-key"
    /// `Authorization: Bearer KEY` (older docs and the seed curl samples).
    case bearer
}

/// Where requests go.
public enum Target: Sendable, Hashable {
    /// The embedded sandbox on 127.0.0.1 at `port`; nil until it has bound one.
    case sandbox(port: Int?)
    /// `https://api.app.thrivestack.ai/api`.
    case live
    /// Any base URL ending in the API root (e.g. `http://localhost:8080/api`).
    case custom(URL)

    public static let liveBaseURL = URL(string: "https://api.app.thrivestack.ai/api")!

    public var baseURL: URL {
        switch self {
        case .sandbox(let port): return URL(string: "http://127.0.0.1:\(port ?? 0)/api")!
        case .live: return Target.liveBaseURL
        case .custom(let url): return url
        }
    }

    /// A short label for badges: `SANDBOX 127.0.0.1:PORT`, `LIVE api.app.thrivestack.ai`, or the custom host.
    public var badge: String {
        switch self {
        case .sandbox(let port?): return "SANDBOX 127.0.0.1:\(port)"
        case .sandbox(nil): return "SANDBOX starting…"
        case .live: return "LIVE api.app.thrivestack.ai"
        case .custom(let url):
            let hostPort = (url.host ?? "?") + (url.port.map { ":\($0)" } ?? "")
            return "CUSTOM \(hostPort)"
        }
    }
}

/// Where requests go and how they authenticate: the one place a target becomes a request builder, for the
/// UI, `send` and everything after them.
public struct Destination: Sendable, Hashable {
    public var target: Target
    public var auth: AuthStyle
    /// The API key, in memory only. It never goes to the sandbox, which gets `sandboxKey` instead.
    public var apiKey: String?

    /// What the embedded sandbox is sent as a key: it wants one, like the real API, but not the user's.
    public static let sandboxKey = "sandbox"

    public init(target: Target, auth: AuthStyle = .apiKey, apiKey: String? = nil) {
        self.target = target; self.auth = auth; self.apiKey = apiKey
    }

    public var isLive: Bool { target == .live }
    public var isSandbox: Bool { if case .sandbox = target { return true }; return false }

    /// The builder for real sends; nil while the sandbox has no port yet.
    public var builder: RequestBuilder? {
        if case .sandbox(nil) = target { return nil }
        return previewBuilder
    }

    /// A builder for showing a request: before the sandbox is bound its URL has port 0.
    public var previewBuilder: RequestBuilder {
        RequestBuilder(target: target, auth: auth, apiKey: isSandbox ? Destination.sandboxKey : apiKey)
    }
}

/// A header, kept in order; names compare case-insensitively.
public struct Header: Sendable, Hashable {
    public var name: String
    public var value: String
    public init(_ name: String, _ value: String) { self.name = name; self.value = value }

    /// True for headers that carry the API key.
    public var isSecret: Bool {
        let n = name.lowercased()
        return n == "x-api-key" || n == "authorization" || n == "cookie" || n == "proxy-authorization"
    }

    /// This header as it may be shown, stored or exported: a secret's value masked, anything else as is.
    public var masked: Header { isSecret ? Header(name, SecretMask.mask(headerValue: value)) : self }
}

/// A fully built HTTP request to the ThriveStack API: what the preview shows and the sender sends.
public struct APIRequest: Sendable, Hashable {
    public var method: String
    public var url: URL
    public var headers: [Header]
    /// The body as a JSON value (always an array of event objects).
    public var body: JSONValue
    public var endpoint: Endpoint

    public init(method: String = "POST", url: URL, headers: [Header], body: JSONValue, endpoint: Endpoint) {
        self.method = method; self.url = url; self.headers = headers; self.body = body; self.endpoint = endpoint
    }

    /// The exact bytes sent: compact JSON.
    public var bodyData: Data { body.compactData() }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// Headers with secrets masked, for display, logs, history and exports.
    public var maskedHeaders: [Header] {
        headers.map(\.masked)
    }
}

/// Masks API keys for display: keeps a scheme word like `Bearer` and at most the last four characters.
public enum SecretMask {
    /// What stands in for a secret found inside other text (a body that echoes the key).
    public static let redacted = String(repeating: "•", count: 8)

    public static func mask(_ secret: String) -> String {
        guard secret.count >= 12 else { return String(repeating: "•", count: 8) }
        return String(repeating: "•", count: 8) + secret.suffix(4)
    }

    public static func mask(headerValue: String) -> String {
        let parts = headerValue.split(separator: " ", maxSplits: 1).map(String.init)
        if parts.count == 2, ["bearer", "basic", "token"].contains(parts[0].lowercased()) {
            return parts[0] + " " + mask(parts[1])
        }
        return mask(headerValue)
    }
}
