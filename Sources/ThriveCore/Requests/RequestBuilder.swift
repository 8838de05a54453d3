import Foundation

/// Builds the HTTP request for a body, endpoint and target, exactly as ThriveStack documents it.
public struct RequestBuilder: Sendable {
    public var target: Target
    public var auth: AuthStyle
    /// The API key; nil sends no auth header (the API answers 401).
    public var apiKey: String?

    public init(target: Target, auth: AuthStyle = .apiKey, apiKey: String?) {
        self.target = target; self.auth = auth; self.apiKey = apiKey
    }

    /// The URL for an endpoint under the target's base (`…/api/track`).
    public func url(for endpoint: Endpoint) -> URL {
        var base = target.baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        return URL(string: base + endpoint.path)!
    }

    /// Wraps a single object into an array: the API only takes arrays.
    public static func normalizedBody(_ body: JSONValue) -> JSONValue {
        if case .array = body { return body }
        return .array([body])
    }

    public func build(endpoint: Endpoint, body: JSONValue) -> APIRequest {
        var headers = [Header("accept", "*/*"), Header("content-type", "application/json")]
        if let apiKey, !apiKey.isEmpty {
            switch auth {
            case .apiKey: headers.append(Header("x-api-key", apiKey))
            case .bearer: headers.append(Header("Authorization", "Bearer \(apiKey)"))
            }
        }
        return APIRequest(url: url(for: endpoint), headers: headers, body: RequestBuilder.normalizedBody(body), endpoint: endpoint)
    }
}
