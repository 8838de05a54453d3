import Foundation

/// Why a request got no HTTP response, typed so the UI and CLI can say it in words.
public enum NetworkError: Error, Sendable, Hashable {
    case connectionRefused(host: String)
    case dnsFailure(host: String)
    /// No response within `seconds` (connect, idle or overall limit).
    case timedOut(seconds: Double)
    case tls(detail: String)
    /// The server closed or reset the connection without a complete response.
    case connectionReset
    case cancelled
    case invalidURL(String)
    /// Something answered, but not in HTTP (an SSH or database port, a TLS server spoken to in plain HTTP).
    case notHTTP(host: String)
    case other(detail: String)

    /// A message for a person: "connection refused by 127.0.0.1:9 (is the server running?)".
    public var message: String {
        switch self {
        case .connectionRefused(let host): return "connection refused by \(host) (is the server running?)"
        case .dnsFailure(let host): return "could not resolve host \(host) (check the URL and your network)"
        case .timedOut(let s): return "timed out after \(Self.format(s)) with no response"
        case .tls(let d): return "TLS/certificate error: \(d)"
        case .connectionReset: return "the connection was closed before a response arrived"
        case .cancelled: return "cancelled"
        case .invalidURL(let u): return "invalid URL: \(u)"
        case .notHTTP(let host): return "\(host) answered, but not with HTTP (is it the API's address and port?)"
        case .other(let d): return d
        }
    }

    /// A one or two word label for history rows.
    public var shortLabel: String {
        switch self {
        case .connectionRefused: return "refused"
        case .dnsFailure: return "DNS error"
        case .timedOut: return "timeout"
        case .tls: return "TLS error"
        case .connectionReset: return "reset"
        case .cancelled: return "cancelled"
        case .invalidURL: return "bad URL"
        case .notHTTP: return "not HTTP"
        case .other: return "error"
        }
    }

    public static func format(_ s: Double) -> String {
        s < 1 ? "\(Int((s * 1000).rounded())) ms" : String(format: s == s.rounded() ? "%.0f s" : "%.1f s", s)
    }
}
