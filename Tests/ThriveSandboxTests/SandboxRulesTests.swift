import Foundation
import Testing
import ThriveTestSupport
import ThriveCore
import ThriveSandbox

/// The sandbox's user-visible rules, each pinned so that breaking its source line fails a test.
@Suite("Sandbox rules")
struct SandboxRulesTests {
    @Test func anAcceptedBatchCarriesTheValidatorsWarnings() async throws {
        try await withSandbox { server, port in
            // `colour` is not an identify field: a warning, not an error, so the batch is still accepted.
            let reply = try await send(port: port, path: "/api/identify", body: #"[{"user_id":"u","colour":"red"}]"#)
            #expect(reply.status == 200)
            #expect(reply.json?["success"] == .bool(true))
            let warnings = try #require(reply.json?["warnings"]?.arrayValue, "\(reply.text)")
            #expect(warnings == [.string("\"colour\" is not a field of /identify calls; the API ignores it")])
            #expect(server.receivedEvents().count == 1)

            let clean = try await send(port: port, path: "/api/identify", body: #"[{"user_id":"u"}]"#)
            #expect(clean.json?["warnings"] == nil, "no warnings member when there is nothing to warn about")
        }
    }

    /// The order in `SandboxResponder.handleAPI`: fault first, then the key. A keyless client still sees faults.
    @Test func aFaultIsAppliedBeforeTheKeyIsChecked() async throws {
        try await withSandbox(SandboxConfiguration(validKeys: ["good-key"])) { server, port in
            server.enqueue([.serverError, .rateLimited])
            let keyless = try await send(port: port, path: "/api/track", body: validTrack, headers: ["content-type": "application/json"])
            #expect(keyless.status == 500)
            let wrongKey = try await send(port: port, path: "/api/track", body: validTrack, headers: ["x-api-key": "bad-key"])
            #expect(wrongKey.status == 429)
            // With no fault left, the same keyless request is refused for its key.
            let after = try await send(port: port, path: "/api/track", body: validTrack, headers: ["content-type": "application/json"])
            #expect(after.status == 401)
            #expect(server.receivedEvents().isEmpty)
        }
    }

    @Test(arguments: [
        ("GET", "/api/track", "POST"),
        ("PUT", "/api/group", "POST"),
        ("POST", "/sandbox/health", "GET"),
        ("PUT", "/sandbox/events", "GET, DELETE"),
    ])
    func anUnsupportedMethodGets405WithAllow(method: String, path: String, allowed: String) async throws {
        try await withSandbox { _, port in
            let reply = try await send(method, port: port, path: path)
            #expect(reply.status == 405)
            #expect(reply.headers["allow"] == allowed)
            #expect(reply.json?["error"] == .string("method not allowed; use \(allowed)"))
        }
    }

    @Test(arguments: [
        (404, "not found (sandbox fault injection)"),
        (418, "i'm a teapot (sandbox fault injection)"),
        (502, "bad gateway (sandbox fault injection)"),
        (503, "service unavailable (sandbox fault injection)"),
    ])
    func anInjectedStatusHasAReason(code: Int, message: String) async throws {
        try await withSandbox { server, port in
            server.enqueue(.status(code))
            let reply = try await send(port: port, path: "/api/track", body: validTrack)
            #expect(reply.status == code)
            #expect(reply.json?["success"] == .bool(false))
            #expect(reply.json?["error"] == .string(message))
        }
    }
}
