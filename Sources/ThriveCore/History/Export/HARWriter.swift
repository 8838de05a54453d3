import Foundation

/// History entries as an HTTP Archive (HAR 1.2), written in three parts (`opening`, one `entryLine` per send,
/// `closing`) so an export streams. Sends that got no response have status 0 and an `_error`, as browsers
/// write them, so HAR viewers show them as failed rather than dropping them.
public enum HARWriter {
    public static func opening(creator: String, version: String) -> String {
        let creatorJSON = JSONValue.object(["name": .string(creator), "version": .string(version)]).compact()
        return "{\n  \"log\": {\n    \"version\": \"1.2\",\n    \"creator\": \(creatorJSON),\n    \"entries\": [\n"
    }

    public static func closing(empty: Bool) -> String {
        (empty ? "" : "\n") + "    ]\n  }\n}\n"
    }

    /// One entry, compact on one indented line (the separating comma is the caller's).
    public static func entryLine(_ e: HistoryEntry, requestHeaders: [Header]) -> String {
        "      " + entry(e, requestHeaders: requestHeaders).compact()
    }

    /// One `log.entries[]` object.
    public static func entry(_ e: HistoryEntry, requestHeaders: [Header]) -> JSONValue {
        let waitMs = HistoryJSON.milliseconds(e.latency) ?? JSONNumber(0)
        var entry: JSONObject = [
            "startedDateTime": .string(Timestamp.format(e.sentAt)),
            "time": .number(waitMs),
            "request": request(e, headers: requestHeaders),
            "response": response(e),
            "cache": .object(JSONObject()),
            // The sender times whole attempts, not phases: all of it is reported as waiting for the server.
            "timings": .object(["send": .int(0), "wait": .number(waitMs), "receive": .int(0)]),
        ]
        entry["comment"] = .string(e.summary)
        return .object(entry)
    }

    static func request(_ e: HistoryEntry, headers: [Header]) -> JSONValue {
        let body = e.requestBody.compact()
        let query = URLComponents(string: e.url)?.queryItems ?? []
        return .object([
            "method": .string(e.method),
            "url": .string(e.url),
            "httpVersion": .string("HTTP/1.1"),
            "cookies": .array([]),
            "headers": HistoryJSON.headers(headers),
            "queryString": .array(query.map { .object(["name": .string($0.name), "value": .string($0.value ?? "")]) }),
            "postData": .object(["mimeType": .string("application/json"), "text": .string(body)]),
            "headersSize": .int(-1),
            "bodySize": .int(body.utf8.count),
        ])
    }

    static func response(_ e: HistoryEntry) -> JSONValue {
        let text = e.responseBody
        let answered = e.httpStatus
        var r: JSONObject = [
            "status": .int(answered ?? 0),
            "statusText": .string(answered.map(statusText) ?? ""),
            "httpVersion": .string(answered == nil ? "" : "HTTP/1.1"),
            "cookies": .array([]),
            "headers": HistoryJSON.headers(e.responseHeaders),
            "content": .object(["size": .int(text.utf8.count), "mimeType": .string(mimeType(e)), "text": .string(text)]),
            "redirectURL": .string(""),
            "headersSize": .int(-1),
            "bodySize": .int(answered == nil ? -1 : text.utf8.count),
        ]
        switch e.status {
        case .failed(_, let message): r["_error"] = .string(message)
        case .interrupted: r["_error"] = .string("the program ended before the response arrived")
        case .inFlight: r["_error"] = .string("still in flight when exported")
        case .answered: break
        }
        return .object(r)
    }

    /// The response's own content type without parameters; else a guess from the stored text.
    static func mimeType(_ e: HistoryEntry) -> String {
        if let type = e.responseHeaders.first(where: { $0.name.lowercased() == "content-type" })?.value {
            return type.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? type
        }
        if e.responseBody.isEmpty { return e.httpStatus == nil ? "x-unknown" : "text/plain" }
        return (try? JSONParser.parse(e.responseBody)) != nil ? "application/json" : "text/plain"
    }

    /// The standard reason phrase, as HAR viewers show beside the code.
    static func statusText(_ status: Int) -> String { HTTPResponse.standardReason(status) ?? "" }
}
