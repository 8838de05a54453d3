import Hummingbird
import ThriveCore

/// JSON responses in the shapes the ThriveStack API uses (`success` first, compact bodies).
enum SandboxResponses {
    static let documentation = "https://docs.thrivestack.ai/"

    static func json(_ status: Int, _ body: JSONValue, extraHeaders: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        headers.append(contentsOf: extraHeaders)
        return Response(
            status: HTTPResponse.Status(code: status, reasonPhrase: HTTPReasonPhrase.text(for: status)),
            headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(string: body.compact()))
        )
    }

    /// The body of `failure`, for answers written below Hummingbird (the connection guards).
    static func failureBody(_ message: String) -> ByteBuffer {
        ByteBuffer(string: JSONValue.object(["success": .bool(false), "error": .string(message)]).compact())
    }

    /// `{"success":false,"error":…}` plus any extra members.
    static func failure(_ status: Int, _ message: String, _ extra: JSONObject = [:], extraHeaders: HTTPFields = [:]) -> Response {
        var object: JSONObject = ["success": .bool(false), "error": .string(message)]
        for member in extra { object[member.key] = member.value }
        return json(status, .object(object), extraHeaders: extraHeaders)
    }

    static func unauthorized(_ message: String) -> Response {
        failure(401, message, ["documentation": .string(documentation)])
    }

    /// The answer for an injected status fault.
    static func fault(status: Int, retryAfter: Int?) -> Response {
        let reason: String
        switch status {
        case 429: reason = "rate limited"
        default: reason = HTTPReasonPhrase.text(for: status).lowercased()
        }
        var headers = HTTPFields()
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        return failure(status, "\(reason) (sandbox fault injection)", extraHeaders: headers)
    }

    /// A body over the per-request limit. The connection closes after this answer rather than reading the rest
    /// of an arbitrarily long body; `RequestGuard` acts on the `Connection: close` header.
    static func bodyTooLarge() -> Response {
        failure(400, "body is larger than the \(SandboxLimits.maxBodyBytes / (1024 * 1024)) MB limit per request",
                extraHeaders: [.connection: "close"])
    }

    static func validationFailed(_ errors: [Finding]) -> Response {
        let list = errors.map { f -> JSONValue in
            .object(["path": .string(f.path.description), "code": .string(f.code.rawValue), "message": .string(f.message)])
        }
        let first = errors.first?.message ?? "invalid body"
        return failure(400, first, ["errors": .array(list)])
    }

    static func accepted(eventId: String, warnings: [Finding]) -> Response {
        var object: JSONObject = ["success": .bool(true), "eventId": .string(eventId)]
        if !warnings.isEmpty { object["warnings"] = .array(warnings.map { .string($0.message) }) }
        return json(200, .object(object))
    }
}
