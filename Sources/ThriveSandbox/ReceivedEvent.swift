import Foundation
import ThriveCore

/// One event object the sandbox accepted, as `GET /sandbox/events` and `SandboxServer.receivedEvents()` report it.
public struct ReceivedEvent: Sendable, Hashable {
    public var endpoint: Endpoint
    /// The id the request's response carried; every object of one batch shares it.
    public var eventId: String
    /// Position of the object in its request's batch.
    public var index: Int
    public var receivedAt: Date
    /// The object exactly as sent (key order and number literals kept).
    public var event: JSONValue
    /// Request headers in order, API keys masked with `SecretMask`.
    public var headers: [Header]

    public init(endpoint: Endpoint, eventId: String, index: Int, receivedAt: Date, event: JSONValue, headers: [Header]) {
        self.endpoint = endpoint
        self.eventId = eventId
        self.index = index
        self.receivedAt = receivedAt
        self.event = event
        self.headers = headers
    }

    /// The JSON form served at `GET /sandbox/events`.
    public var json: JSONValue {
        var headerObject = JSONObject()
        for h in headers { headerObject[h.name] = .string(h.value) }
        return .object([
            "endpoint": .string(endpoint.rawValue),
            "eventId": .string(eventId),
            "index": .int(index),
            "receivedAt": .string(ReceivedEvent.timestampFormat.format(receivedAt)),
            "event": event,
            "headers": .object(headerObject),
        ])
    }

    private static let timestampFormat = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
}
