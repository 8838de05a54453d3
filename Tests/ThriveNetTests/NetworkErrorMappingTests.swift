import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import ThriveCore
@testable import ThriveNet

/// Every kind of failure is named in words; a generic "error" where a specific one is known is a bug.
@Suite("Network errors in words")
struct NetworkErrorMappingTests {
    let url = URL(string: "http://api.example.test:8080/api/track")!

    @Test(arguments: [
        (URLError.Code.cannotConnectToHost, NetworkError.connectionRefused(host: "api.example.test:8080")),
        (.cannotFindHost, .dnsFailure(host: "api.example.test")),
        (.dnsLookupFailed, .dnsFailure(host: "api.example.test")),
        (.timedOut, .timedOut(seconds: 7)),
        (.secureConnectionFailed, .tls(detail: URLError(.secureConnectionFailed).localizedDescription)),
        (.serverCertificateUntrusted, .tls(detail: URLError(.serverCertificateUntrusted).localizedDescription)),
        (.networkConnectionLost, .connectionReset),
        (.badServerResponse, .connectionReset),
        (.cancelled, .cancelled),
        (.badURL, .invalidURL("http://api.example.test:8080/api/track")),
        (.unsupportedURL, .notHTTP(host: "api.example.test:8080")),
        (.notConnectedToInternet, .other(detail: "not connected to a network")),
    ])
    func eachURLErrorHasItsKind(code: URLError.Code, expected: NetworkError) {
        #expect(NetworkError.from(URLError(code), url: url, timeout: 7) == expected)
    }

    @Test func aRefusedPOSIXErrorIsRefused() {
        let error = NSError(domain: NSPOSIXErrorDomain, code: Int(ECONNREFUSED))
        #expect(NetworkError.from(error, url: url, timeout: 7) == .connectionRefused(host: "api.example.test:8080"))
    }

    @Test func everyKindHasAMessageAndAShortLabel() {
        let all: [NetworkError] = [.connectionRefused(host: "h"), .dnsFailure(host: "h"), .timedOut(seconds: 2), .tls(detail: "d"),
                                   .connectionReset, .cancelled, .invalidURL("u"), .notHTTP(host: "h"), .other(detail: "d")]
        #expect(Set(all.map(\.shortLabel)).count == all.count, "labels tell the kinds apart in the history pane")
        #expect(all.allSatisfy { !$0.message.isEmpty })
        #expect(NetworkError.dnsFailure(host: "h").message == "could not resolve host h (check the URL and your network)")
    }
}
