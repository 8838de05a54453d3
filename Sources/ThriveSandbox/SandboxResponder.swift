import Foundation
import Hummingbird
import NIOCore
import ThriveCore

/// Routes sandbox requests: the three ThriveStack endpoints under `/api` and the `/sandbox/...` control routes.
struct SandboxResponder: HTTPResponder {
    let store: SandboxStore
    let validator: Validator
    let validKeys: Set<String>?
    /// Hears each API request as read (see `TappedRequest`); nil outside tests.
    var tap: (@Sendable (TappedRequest) -> Void)? = nil

    func respond(to request: Request, context: SandboxRequestContext) async throws -> Response {
        var path = request.uri.path
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        if request.method == .post, path.hasPrefix("/api/"), let endpoint = Endpoint(rawValue: String(path.dropFirst(5))) {
            return try await handleAPI(endpoint, request: request, context: context)
        }
        var response = route(path, request: request)
        // These answers never read the body. Hummingbird would read and discard it to keep the connection, however
        // long it is declared to be; closing after the answer bounds that work.
        if Self.declaresBody(request.headers) { response.headers[.connection] = "close" }
        return response
    }

    /// Everything but an API POST: the control routes, 404 and 405.
    private func route(_ path: String, request: Request) -> Response {
        switch path {
        case "/sandbox/health":
            guard request.method == .get else { return methodNotAllowed("GET") }
            return SandboxResponses.json(200, .object(["ok": .bool(true)]))
        case "/sandbox/events":
            switch request.method {
            case .get: return EventListing.respond(to: request, store: store)
            case .delete:
                store.clearEvents()
                return SandboxResponses.json(200, .object(["success": .bool(true)]))
            default: return methodNotAllowed("GET, DELETE")
            }
        default:
            guard path.hasPrefix("/api/"), Endpoint(rawValue: String(path.dropFirst(5))) != nil else {
                return SandboxResponses.failure(404, "no such endpoint: \(request.method) \(path); use POST /api/track, /api/identify or /api/group")
            }
            return methodNotAllowed("POST")
        }
    }

    private static func declaresBody(_ headers: HTTPFields) -> Bool {
        if headers[.transferEncoding] != nil { return true }
        guard let length = headers[.contentLength] else { return false }
        return length.trimmingCharacters(in: .whitespaces) != "0"
    }

    private func methodNotAllowed(_ allowed: String) -> Response {
        SandboxResponses.failure(405, "method not allowed; use \(allowed)", extraHeaders: [.allow: allowed])
    }

    /// Order, pinned by tests: a fault is drawn and applied first, then the key is checked, then the body.
    /// So a client without a key still sees injected 429s and 500s, as it would from an overloaded real API.
    private func handleAPI(_ endpoint: Endpoint, request: Request, context: SandboxRequestContext) async throws -> Response {
        let fault = store.nextFault()
        if fault == .hang { try await hang(request, channel: context.channel) }
        let body = try await Self.collect(request.body, limit: SandboxLimits.maxBodyBytes)
        if let tap, let body {
            tap(TappedRequest(method: request.method.rawValue, target: request.uri.description,
                              headers: request.headers.map { Header($0.name.rawName, $0.value) }, body: body))
        }
        if let delay = store.latency() { try await Task.sleep(for: delay) }
        switch fault {
        case .drop?:
            // Closing first makes Hummingbird's write of the placeholder response fail, so nothing is sent.
            try? await context.channel.close(mode: .all)
            return Response(status: .ok)
        case .status(let code, let retryAfter)?:
            return SandboxResponses.fault(status: code, retryAfter: retryAfter)
        case .hang?, nil:
            break
        }
        switch apiKey(in: request.headers) {
        case nil:
            return SandboxResponses.unauthorized("missing API key: send an x-api-key header (or Authorization: Bearer <key>)")
        case let key? where validKeys.map({ !$0.contains(key) }) ?? false:
            return SandboxResponses.unauthorized("invalid API key")
        default:
            break
        }
        guard let body else { return SandboxResponses.bodyTooLarge() }
        return accept(body, endpoint: endpoint, headers: request.headers)
    }

    private func accept(_ bytes: [UInt8], endpoint: Endpoint, headers: HTTPFields) -> Response {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes: bytes)
        } catch {
            return SandboxResponses.failure(
                400, "body is not valid JSON: line \(error.line), column \(error.column): \(error.message)",
                ["line": .int(error.line), "column": .int(error.column)])
        }
        guard case .array(let items) = value else {
            return SandboxResponses.failure(400, "body must be a JSON array of events (got \(value.typeNameWithArticle))")
        }
        guard items.count <= SandboxLimits.maxEventsPerRequest else {
            return SandboxResponses.failure(
                400, "batch has \(items.count) events; the limit is \(SandboxLimits.maxEventsPerRequest) per request")
        }
        let findings = validator.validate(body: value, endpoint: endpoint, now: Date())
        let errors = findings.filter { $0.severity == .error }
        guard errors.isEmpty else { return SandboxResponses.validationFailed(errors) }
        let eventId = store.makeEventId()
        let now = Date()
        let masked = headers.map { Header($0.name.rawName, $0.value).masked }
        store.record(items.enumerated().map {
            ReceivedEvent(endpoint: endpoint, eventId: eventId, index: $0.offset, receivedAt: now, event: $0.element, headers: masked)
        })
        return SandboxResponses.accepted(eventId: eventId, warnings: findings.filter { $0.severity == .warning })
    }

    /// The key from `x-api-key`, or from `Authorization: Bearer …` as older docs send it.
    private func apiKey(in headers: HTTPFields) -> String? {
        for field in headers where field.name.canonicalName == "x-api-key" {
            let key = field.value.trimmingCharacters(in: .whitespaces)
            if !key.isEmpty { return key }
        }
        if let auth = headers[.authorization] {
            let parts = auth.split(separator: " ", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, parts[0].lowercased() == "bearer", !parts[1].isEmpty { return parts[1] }
        }
        return nil
    }

    /// Holds the request until the client closes the connection or the server stops (task cancelled),
    /// then closes the connection so that no response is ever sent.
    private func hang(_ request: Request, channel: any Channel) async throws -> Never {
        do {
            try await request.body.consumeWithCancellationOnInboundClose { body -> Void in
                for try await _ in body {}
                while true { try await Task.sleep(for: .seconds(3600)) }
            }
        } catch {
            try? await channel.close(mode: .all)
            throw error
        }
        throw CancellationError()
    }

    /// The whole body, or nil once it exceeds `limit`; the rest is never read, as that answer closes the connection.
    static func collect(_ body: RequestBody, limit: Int) async throws -> [UInt8]? {
        var bytes: [UInt8] = []
        for try await buffer in body {
            guard bytes.count + buffer.readableBytes <= limit else { return nil }
            bytes.append(contentsOf: buffer.readableBytesView)
        }
        return bytes
    }
}
