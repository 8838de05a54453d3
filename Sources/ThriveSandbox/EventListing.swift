import Hummingbird
import ThriveCore

/// `GET /sandbox/events[?after=SEQUENCE][&limit=N]`: stored events as one JSON array, oldest first.
///
/// The body is streamed in chunks, one event serialised at a time, so a full store (up to its byte cap) is never
/// turned into one giant string; a single GET of 100 events of 2 MB used to peak at several times the store.
/// Each object carries a `sequence` number; `after` continues from one, `limit` bounds the page.
enum EventListing {
    /// Chunk size for the streamed body: big enough to keep writes few, small enough to stay cheap.
    static let chunkBytes = 64 * 1024

    static func respond(to request: Request, store: SandboxStore) -> Response {
        let query = request.uri.queryParameters
        let after: Int?, limit: Int?
        do {
            after = try wholeNumber("after", query["after"])
            limit = try wholeNumber("limit", query["limit"])
        } catch {
            return SandboxResponses.failure(400, error.message)
        }
        let page = store.page(after: after, limit: limit)
        let body = ResponseBody { writer in
            var chunk = ByteBuffer(string: "[")
            for (position, entry) in page.enumerated() {
                if position > 0 { chunk.writeString(",") }
                chunk.writeString(listed(entry).compact())
                if chunk.readableBytes >= chunkBytes {
                    try await writer.write(chunk)
                    chunk = ByteBuffer()
                }
            }
            chunk.writeString("]")
            try await writer.write(chunk)
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "application/json"], body: body)
    }

    /// The stored event's JSON plus its sequence number.
    static func listed(_ entry: EventLog.Entry) -> JSONValue {
        guard case .object(var object) = entry.event.json else { return entry.event.json }
        object["sequence"] = .int(entry.sequence)
        return .object(object)
    }

    private struct QueryError: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }

    private static func wholeNumber(_ name: String, _ text: Substring?) throws(QueryError) -> Int? {
        guard let text else { return nil }
        guard let value = Int(text), value >= 0 else {
            throw QueryError("\(name) must be a whole number of 0 or more, not \"\(text)\"")
        }
        return value
    }
}
