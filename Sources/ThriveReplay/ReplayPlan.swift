import Foundation
import ThriveCore

/// One request of a plan: events for one endpoint, in input order, within the API's limits.
public struct PlannedRequest: Sendable, Hashable {
    /// 0-based position in the plan (and the journal's request index).
    public var index: Int
    public var endpoint: Endpoint
    /// `ImportedEvent.number` of each event, in order.
    public var eventNumbers: [Int]
    /// Compact size of the body `[e1,e2,…]`.
    public var byteCount: Int

    public init(index: Int, endpoint: Endpoint, eventNumbers: [Int], byteCount: Int) {
        self.index = index; self.endpoint = endpoint; self.eventNumbers = eventNumbers; self.byteCount = byteCount
    }
}

/// How a set is split into requests, and which events cannot be sent at all.
public struct ReplayPlan: Sendable, Hashable {
    public var requests: [PlannedRequest]
    /// Events left out of every request, with why (an event alone over the size limit).
    public var invalid: [Int: String]

    /// The API's limits (2025 docs): at most 1,000 events and 2 MB of compact JSON per request.
    public static let maxEvents = Validator.maxEvents
    public static let maxBytes = Validator.maxBatchBytes

    public init(requests: [PlannedRequest], invalid: [Int: String]) { self.requests = requests; self.invalid = invalid }

    /// Splits `events` (already stripped of invalid ones) into requests. A request ends where the endpoint changes,
    /// at `batchSize` events, or before an event that would take the body over `maxBytes`; keeping input order means
    /// a resumed job and its report follow the file. `batchSize` is clamped to 1…1,000.
    public static func make(_ events: [ImportedEvent], batchSize: Int = maxEvents, maxBytes: Int = maxBytes) -> ReplayPlan {
        let limit = min(max(1, batchSize), maxEvents)
        var requests: [PlannedRequest] = []
        var invalid: [Int: String] = [:]
        var current: PlannedRequest?

        func close() {
            if let c = current, !c.eventNumbers.isEmpty { requests.append(c) }
            current = nil
        }
        for event in events {
            let size = event.event.compactByteCount
            // `[` + event + `]`: an event that cannot fit even alone can never be sent.
            guard size + 2 <= maxBytes else {
                invalid[event.number] = "the event alone is \(describe(size)); the API accepts at most "
                    + "\(describe(maxBytes)) per request"
                continue
            }
            if var c = current, c.endpoint == event.endpoint, c.eventNumbers.count < limit, c.byteCount + 1 + size <= maxBytes {
                c.eventNumbers.append(event.number)
                c.byteCount += 1 + size
                current = c
            } else {
                close()
                current = PlannedRequest(index: requests.count, endpoint: event.endpoint, eventNumbers: [event.number],
                                         byteCount: size + 2)
            }
        }
        close()
        return ReplayPlan(requests: requests, invalid: invalid)
    }

    static func describe(_ n: Int) -> String {
        if n < 1024 { return "\(n) bytes" }
        if n < 1024 * 1024 { return String(format: "%.1f KB", Double(n) / 1024) }
        return String(format: "%.2f MB", Double(n) / 1_048_576)
    }
}
