import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import Testing
import ThriveCore
@testable import ThriveNet

/// Every kind of failure is named in words; a generic "error" where a specific one is known is a bug.
@Suite("Network errors in words")
struct NetworkErrorMappingTests {
    let url = URL(string: "http://api.example.test:8080/api/track")!

    @Test(arguments: [
        (HTTPClientError.connectTimeout, NetworkError.timedOut(seconds: 7)),
        (.readTimeout, .timedOut(seconds: 7)),
        (.tlsHandshakeTimeout, .timedOut(seconds: 7)),
        (.remoteConnectionClosed, .connectionReset),
        (.cancelled, .cancelled),
        (.invalidURL, .invalidURL("http://api.example.test:8080/api/track")),
        (.emptyHost, .invalidURL("http://api.example.test:8080/api/track")),
        (.redirectLimitReached, .other(detail: "api.example.test:8080 redirected too many times")),
    ])
    func eachClientErrorHasItsKind(error: HTTPClientError, expected: NetworkError) {
        #expect(NetworkError.from(error, url: url, timeout: 7) == expected)
    }

    @Test func socketErrorsHaveTheirKinds() {
        #expect(NetworkError.from(IOError(errnoCode: ECONNREFUSED, reason: "connect"), url: url, timeout: 7) == .connectionRefused(host: "api.example.test:8080"))
        #expect(NetworkError.from(IOError(errnoCode: ECONNRESET, reason: "read"), url: url, timeout: 7) == .connectionReset)
        #expect(NetworkError.from(IOError(errnoCode: ETIMEDOUT, reason: "connect"), url: url, timeout: 7) == .timedOut(seconds: 7))
        #expect(NetworkError.from(ChannelError.connectTimeout(.seconds(7)), url: url, timeout: 7) == .timedOut(seconds: 7))
        #expect(NetworkError.from(ChannelError.eof, url: url, timeout: 7) == .connectionReset)
        #expect(NetworkError.from(CancellationError(), url: url, timeout: 7) == .cancelled)
    }

    @Test func aReplyThatIsNotHTTPIsNamed() {
        #expect(NetworkError.from(HTTPParserError.invalidVersion, url: url, timeout: 7) == .notHTTP(host: "api.example.test:8080"))
    }

    @Test func tlsFailuresAreTLS() {
        guard case .tls(let detail) = NetworkError.from(NIOSSLError.handshakeFailed(.sslError([])), url: url, timeout: 7) else {
            Issue.record("a failed handshake is a TLS error"); return
        }
        #expect(!detail.isEmpty)
    }

    @Test func everyKindHasAMessageAndAShortLabel() {
        let all: [NetworkError] = [.connectionRefused(host: "h"), .dnsFailure(host: "h"), .timedOut(seconds: 2), .tls(detail: "d"),
                                   .connectionReset, .cancelled, .invalidURL("u"), .notHTTP(host: "h"), .other(detail: "d")]
        #expect(Set(all.map(\.shortLabel)).count == all.count, "labels tell the kinds apart in the history pane")
        #expect(all.allSatisfy { !$0.message.isEmpty })
        #expect(NetworkError.dnsFailure(host: "h").message == "could not resolve host h (check the URL and your network)")
    }
}
