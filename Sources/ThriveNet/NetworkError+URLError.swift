import Foundation
import ThriveCore
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

extension NetworkError {
    /// Maps Foundation's URL errors to typed cases.
    /// Lives here, not in the core, because only the URLSession sender sees `URLError`s.
    static func from(_ error: Error, url: URL, timeout: Double) -> NetworkError {
        let host = (url.host ?? "?") + (url.port.map { ":\($0)" } ?? "")
        guard let u = error as? URLError else {
            let ns = error as NSError
            if ns.domain == NSPOSIXErrorDomain, ns.code == Int(ECONNREFUSED) { return .connectionRefused(host: host) }
            return .other(detail: ns.localizedDescription)
        }
        switch u.code {
        case .cannotConnectToHost: return .connectionRefused(host: host)
        case .cannotFindHost, .dnsLookupFailed: return .dnsFailure(host: url.host ?? "?")
        case .timedOut: return .timedOut(seconds: timeout)
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
             .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot, .clientCertificateRejected:
            return .tls(detail: u.localizedDescription)
        case .networkConnectionLost, .badServerResponse, .zeroByteResource, .cannotParseResponse: return .connectionReset
        case .cancelled: return .cancelled
        case .badURL: return .invalidURL(url.absoluteString)
        case .unsupportedURL:
            // libcurl says "unsupported protocol" for a reply that is not HTTP (HTTP/0.9 is refused), though
            // the URL itself is a fine http(s) URL.
            if let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https", url.host != nil { return .notHTTP(host: host) }
            return .invalidURL(url.absoluteString)
        case .notConnectedToInternet: return .other(detail: "not connected to a network")
        default: return .other(detail: u.localizedDescription)
        }
    }
}
