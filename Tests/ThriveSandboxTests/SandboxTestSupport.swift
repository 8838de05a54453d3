import Foundation
import ThriveCore
import ThriveSandbox
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// What a test client saw: status, headers (lower-cased names) and the body parsed as JSON.
struct HTTPReply: Sendable {
    var status: Int
    var headers: [String: String]
    var body: Data

    var json: JSONValue? { try? JSONParser.parse(data: body) }
    var text: String { String(decoding: body, as: UTF8.self) }
}

/// One request on a fresh ephemeral session, so no connection is reused between calls.
func send(
    _ method: String = "POST",
    port: Int,
    path: String,
    body: String? = nil,
    headers: [String: String] = ["x-api-key": "test-key-123456", "content-type": "application/json"],
    timeout: TimeInterval = 10
) async throws -> HTTPReply {
    let session = URLSession(configuration: .ephemeral)
    defer { session.finishTasksAndInvalidate() }
    guard let url = URL(string: "http://127.0.0.1:\(port)\(path)") else { throw URLError(.badURL) }
    var request = URLRequest(url: url, timeoutInterval: timeout)
    request.httpMethod = method
    for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
    if let body { request.httpBody = Data(body.utf8) }
    let (data, response) = try await session.data(for: request)
    guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
    var fields: [String: String] = [:]
    for (name, value) in http.allHeaderFields {
        if let name = name as? String, let value = value as? String { fields[name.lowercased()] = value }
    }
    return HTTPReply(status: http.statusCode, headers: fields, body: data)
}

let validTrack = #"[{"event_name":"signed_up","user_id":"u-1","properties":{"user_email":"a@b.co"}}]"#
