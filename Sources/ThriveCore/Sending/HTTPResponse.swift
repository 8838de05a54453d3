import Foundation

/// A response as received: status, headers in order, raw body.
public struct HTTPResponse: Sendable, Hashable {
    public var status: Int
    public var headers: [Header]
    public var body: Data

    public init(status: Int, headers: [Header], body: Data) {
        self.status = status; self.headers = headers; self.body = body
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// 2xx (ThriveStack answers 200, sometimes 204).
    public var isSuccess: Bool { (200..<300).contains(status) }

    /// The body as text (lossy for invalid UTF-8, which is shown rather than hidden).
    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// The body as JSON when it parses; error bodies are undocumented, so callers show the raw text otherwise.
    public var json: JSONValue? { try? JSONParser.parse(data: body) }

    /// `warnings[]` from older ThriveStack response bodies, or the sandbox's.
    public var warnings: [String] { json?["warnings"]?.arrayValue?.compactMap(\.stringValue) ?? [] }

    /// A short phrase for a status line: `200 OK`, `401 invalid or missing API key`, …
    public var summary: String {
        switch status {
        case 200: return "200 OK"
        case 204: return "204 No Content"
        case 400: return "400 bad request" + (errorMessage.map { ": \($0)" } ?? "")
        case 401: return "401 invalid or missing API key"
        case 403: return "403 forbidden"
        case 404: return "404 not found (check the base URL)"
        case 413: return "413 request too large"
        case 429: return "429 rate limited"
        case 500...599: return "\(status) server error (try again later)"
        default: return "\(status) " + HTTPResponse.reasonPhrase(status)
        }
    }

    /// The `error` or `message` member of a JSON error body.
    public var errorMessage: String? {
        guard let j = json else { return nil }
        return j["error"]?.stringValue ?? j["message"]?.stringValue
    }

    /// The reason phrase of the HTTP standard (`Too Many Requests`), for HAR files, history rows and comparisons;
    /// nil for a status without one.
    public static func standardReason(_ status: Int) -> String? {
        switch status {
        case 200: return "OK"
        case 201: return "Created"
        case 202: return "Accepted"
        case 204: return "No Content"
        case 301: return "Moved Permanently"
        case 302: return "Found"
        case 304: return "Not Modified"
        case 307: return "Temporary Redirect"
        case 308: return "Permanent Redirect"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 408: return "Request Timeout"
        case 413: return "Content Too Large"
        case 415: return "Unsupported Media Type"
        case 422: return "Unprocessable Content"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        default: return nil
        }
    }

    /// The standard reason phrase; the core has no FoundationNetworking (it keeps libcurl out of the UI).
    public static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 100: return "continue"
        case 201: return "created"
        case 202: return "accepted"
        case 301: return "moved permanently"
        case 302: return "found"
        case 304: return "not modified"
        case 307: return "temporary redirect"
        case 308: return "permanent redirect"
        case 405: return "method not allowed"
        case 406: return "not acceptable"
        case 408: return "request timeout"
        case 409: return "conflict"
        case 410: return "gone"
        case 411: return "length required"
        case 415: return "unsupported media type"
        case 422: return "unprocessable content"
        default:
            switch status {
            case 200..<300: return "success"
            case 300..<400: return "redirect"
            case 400..<500: return "client error"
            default: return "unknown status"
            }
        }
    }
}
