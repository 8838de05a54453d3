import Foundation

/// History entries as `history --json` and `history show --json` print them. The key names and order are a
/// contract scripts depend on, so they are spelled out here once and tested.
public enum HistoryJSON {
    /// The keys of one row of `history --json`, in order.
    public static let summaryKeys = ["id", "sent_at", "target", "endpoint", "status", "outcome", "events", "event_names",
                                     "latency_ms", "summary"]

    /// The keys `history show --json` adds after `summaryKeys`, in order.
    public static let detailKeys = ["method", "url", "request_headers", "request_body", "response_headers", "response_body",
                                    "retries", "profile"]

    /// One row of `history --json`.
    public static func summary(_ e: HistoryEntry) -> JSONObject {
        [
            "id": .string(e.id.uuidString.lowercased()),
            "sent_at": .string(Timestamp.format(e.sentAt)),
            "target": .string(e.target),
            "endpoint": .string(e.endpoint.rawValue),
            "status": e.httpStatus.map(JSONValue.int) ?? .null,
            "outcome": .string(e.outcome.rawValue),
            "events": .int(e.events.count),
            "event_names": .array(e.eventNames.map(JSONValue.string)),
            "latency_ms": milliseconds(e.latency).map(JSONValue.number) ?? .null,
            "summary": .string(e.summary),
        ]
    }

    /// `history show --json`: the row plus the request and response in full (headers as stored, key masked).
    public static func detail(_ e: HistoryEntry) -> JSONValue {
        var o = summary(e)
        o["method"] = .string(e.method)
        o["url"] = .string(e.url)
        o["request_headers"] = headers(e.requestHeaders)
        o["request_body"] = e.requestBody
        o["response_headers"] = headers(e.responseHeaders)
        o["response_body"] = responseBody(e.responseBody)
        o["retries"] = .int(e.retries)
        o["profile"] = e.profile.map(JSONValue.string) ?? .null
        return .object(o)
    }

    /// `[{"name": …, "value": …}]`, the shape HAR uses too: a JSON object would lose repeated and ordered headers.
    public static func headers(_ headers: [Header]) -> JSONValue {
        .array(headers.map { .object(["name": .string($0.name), "value": .string($0.value)]) })
    }

    /// The body parsed when it is JSON (so a script can read `.response_body.eventId`), else the text.
    public static func responseBody(_ text: String) -> JSONValue {
        if text.isEmpty { return .string("") }
        return (try? JSONParser.parse(text)) ?? .string(text)
    }

    /// Milliseconds to a tenth: sandbox answers take under one, and rounding them to 0 would read as "not timed".
    public static func milliseconds(_ seconds: Double?) -> JSONNumber? {
        guard let seconds, seconds.isFinite, seconds >= 0 else { return nil }
        return JSONNumber((seconds * 10_000).rounded() / 10)
    }
}
