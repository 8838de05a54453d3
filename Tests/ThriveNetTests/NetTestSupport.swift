import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import ThriveCore
import ThriveNet
import ThriveSandbox

let testKey = "test-key-1234567890"

/// A `signed_up` track request for the sandbox on `port`; `key: nil` sends no auth header.
func trackRequest(port: Int, key: String? = testKey, body: JSONValue? = nil) throws -> APIRequest {
    let event = try body ?? JSONParser.parse(#"[{"event_name":"signed_up","user_id":"u-1","properties":{"user_email":"a@b.co","user_name":"A"}}]"#)
    return RequestBuilder(target: .sandbox(port: port), apiKey: key).build(endpoint: .track, body: event)
}

/// Collects values handed to `@Sendable` callbacks (attempts heard, delays slept) for later checks.
final class Recorder<T: Sendable>: Sendable {
    private let items = Mutex<[T]>([])
    func append(_ item: T) { items.withLock { $0.append(item) } }
    var values: [T] { items.withLock { $0 } }
}

/// A sender whose retry waits are recorded instead of slept, so Retry-After can be checked without waiting.
func instantSender(_ configuration: SenderConfiguration = SenderConfiguration(), slept: Recorder<Double>) -> HTTPSender {
    HTTPSender(configuration: configuration, sleep: { seconds in
        slept.append(seconds)
        try Task.checkCancellation()
    })
}
