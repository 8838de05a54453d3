import Foundation
import Testing
import ThriveTestSupport
import ThriveCore
@testable import ThriveSandbox

/// Every answer carries a `Date` header in the one form RFC 9110 asks servers to send, made without a `Calendar`.
@Suite("Sandbox Date header")
struct SandboxDateHeaderTests {
    @Test func theFormatIsIMFFixdate() {
        #expect(HTTPDate.format(Date(timeIntervalSince1970: 784_111_777)) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.format(Date(timeIntervalSince1970: 1_795_000_000.9)) == "Wed, 18 Nov 2026 11:06:40 GMT")
        #expect(HTTPDate.format(Date(timeIntervalSince1970: 951_782_400)) == "Tue, 29 Feb 2000 00:00:00 GMT")
    }

    @Test func answersAndErrorsCarryTheCurrentDate() async throws {
        try await withSandbox { _, port in
            let before = Date().addingTimeInterval(-2)
            let accepted = try await send(port: port, path: "/api/track", body: validTrack)
            let refused = try await send(port: port, path: "/api/track", body: validTrack, headers: [:])
            let after = Date().addingTimeInterval(2)
            #expect(refused.status == 401)
            for reply in [accepted, refused] {
                let header = try #require(reply.headers["date"], "every answer has a Date header")
                let parser = DateFormatter()
                parser.locale = Locale(identifier: "en_US_POSIX")
                parser.timeZone = TimeZone(identifier: "GMT")
                parser.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
                let sent = try #require(parser.date(from: header), "\(header) is an IMF-fixdate")
                #expect(sent >= before.addingTimeInterval(-1) && sent <= after, "\(header) is now")
            }
        }
    }
}
