import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import ThriveCore

extension NetworkError {
    /// Maps what AsyncHTTPClient and SwiftNIO throw to typed cases, so every failure is named in words.
    /// Lives here, not in the core, because only the HTTP sender sees these errors.
    static func from(_ error: any Error, url: URL, timeout: Double) -> NetworkError {
        let host = (url.host ?? "?") + (url.port.map { ":\($0)" } ?? "")
        switch error {
        case is CancellationError: return .cancelled
        case let e as HTTPClientError: return from(e, url: url, host: host, timeout: timeout)
        case let e as NIOConnectionError:
            if let failure = e.connectionErrors.last { return from(failure.error, url: url, timeout: timeout) }
            if e.dnsAError != nil || e.dnsAAAAError != nil { return .dnsFailure(host: url.host ?? e.host) }
            return .other(detail: "could not connect to \(host)")
        case is SocketAddressError.UnknownHost: return .dnsFailure(host: url.host ?? "?")
        case let e as IOError:
            switch e.errnoCode {
            case ECONNREFUSED: return .connectionRefused(host: host)
            case ECONNRESET, EPIPE, ECONNABORTED: return .connectionReset
            case ETIMEDOUT: return .timedOut(seconds: timeout)
            case ENETUNREACH, EHOSTUNREACH: return .other(detail: "no route to \(host) (check your network)")
            default: return .other(detail: "\(e)")
            }
        case let e as ChannelError:
            switch e {
            case .connectTimeout: return .timedOut(seconds: timeout)
            case .eof, .ioOnClosedChannel, .alreadyClosed, .outputClosed, .inputClosed: return .connectionReset
            default: return .other(detail: "\(e)")
            }
        case is HTTPParserError: return .notHTTP(host: host)
        case let e as NIOSSLError: return .tls(detail: "\(e)")
        case let e as BoringSSLError: return .tls(detail: "\(e)")
        case let e as NIOSSLExtraError: return .tls(detail: "\(e)")
        default: return .other(detail: "\(error)")
        }
    }

    private static func from(_ e: HTTPClientError, url: URL, host: String, timeout: Double) -> NetworkError {
        switch e {
        case .cancelled: return .cancelled
        case .connectTimeout, .readTimeout, .writeTimeout, .tlsHandshakeTimeout, .deadlineExceeded,
             .getConnectionFromPoolTimeout, .httpProxyHandshakeTimeout, .socksHandshakeTimeout:
            return .timedOut(seconds: timeout)
        case .remoteConnectionClosed, .uncleanShutdown: return .connectionReset
        case .invalidURL, .emptyHost, .emptyScheme: return .invalidURL(url.absoluteString)
        case .invalidProxyResponse, .proxyAuthenticationRequired: return .other(detail: "the proxy refused the connection to \(host) (\(e))")
        case .redirectLimitReached, .redirectCycleDetected: return .other(detail: "\(host) redirected too many times")
        default:
            // `unsupportedScheme` carries the scheme, so it is told by the URL rather than by a case.
            let scheme = url.scheme?.lowercased()
            return scheme == "http" || scheme == "https" ? .other(detail: "\(e)") : .invalidURL(url.absoluteString)
        }
    }
}
