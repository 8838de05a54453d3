import Foundation
import Testing
import ThriveTestSupport
import ThriveCore
import ThriveSandbox

@Suite("Sandbox API routes")
struct SandboxAPITests {
    @Test func acceptedEventGetsAnIdAndIsListed() async throws {
        try await withSandbox { server, port in
            let reply = try await send(port: port, path: "/api/track", body: validTrack)
            #expect(reply.status == 200)
            #expect(reply.headers["content-type"] == "application/json")
            #expect(reply.json?["success"] == .bool(true))
            let eventId = try #require(reply.json?["eventId"]?.stringValue)
            #expect(eventId.hasPrefix("evt_"))

            let listed = try await send("GET", port: port, path: "/sandbox/events")
            let items = try #require(listed.json?.arrayValue)
            #expect(items.count == 1)
            #expect(items.first?["endpoint"] == .string("track"))
            #expect(items.first?["eventId"] == .string(eventId))
            #expect(items.first?["event"]?["user_id"] == .string("u-1"))
            #expect(items.first?["receivedAt"]?.stringValue != nil)

            let stored = server.receivedEvents()
            #expect(stored.map(\.eventId) == [eventId])
            let key = stored.first?.headers.first { $0.name.lowercased() == "x-api-key" }?.value
            #expect(key == SecretMask.mask("test-key-123456"), "the API key must be stored masked")
        }
    }

    @Test func bearerTokenIsAcceptedForIdentifyAndGroup() async throws {
        try await withSandbox { _, port in
            let headers = ["Authorization": "Bearer some-token", "content-type": "application/json"]
            let identify = try await send(port: port, path: "/api/identify", body: #"[{"user_id":"u"}]"#, headers: headers)
            #expect(identify.status == 200)
            let group = try await send(port: port, path: "/api/group/", body: #"[{"group_id":"g","user_id":"u"}]"#, headers: headers)
            #expect(group.status == 200)
        }
    }

    @Test func missingKeyIs401() async throws {
        try await withSandbox { server, port in
            let reply = try await send(port: port, path: "/api/track", body: validTrack, headers: ["content-type": "application/json"])
            #expect(reply.status == 401)
            #expect(reply.json?["success"] == .bool(false))
            #expect(reply.json?["error"]?.stringValue?.contains("missing API key") == true)
            #expect(reply.json?["documentation"]?.stringValue != nil)
            #expect(server.receivedEvents().isEmpty)
        }
    }

    @Test func unknownKeyIs401WhenKeysAreRestricted() async throws {
        try await withSandbox(SandboxConfiguration(validKeys: ["good-key"])) { _, port in
            let bad = try await send(port: port, path: "/api/track", body: validTrack, headers: ["x-api-key": "other"])
            #expect(bad.status == 401)
            #expect(bad.json?["error"] == .string("invalid API key"))
            let good = try await send(port: port, path: "/api/track", body: validTrack, headers: ["x-api-key": "good-key"])
            #expect(good.status == 200)
        }
    }

    @Test func badJSONNamesLineAndColumn() async throws {
        try await withSandbox { _, port in
            let reply = try await send(port: port, path: "/api/track", body: "[{\"event_name\": \"x\",\n  \"user_id\": }]")
            #expect(reply.status == 400)
            let message = try #require(reply.json?["error"]?.stringValue)
            #expect(message.contains("line 2"))
            #expect(message.contains("column"))
            #expect(reply.json?["line"] == .int(2))
        }
    }

    @Test func nonArrayBodyIs400() async throws {
        try await withSandbox { _, port in
            let reply = try await send(port: port, path: "/api/track", body: #"{"event_name":"x","user_id":"u"}"#)
            #expect(reply.status == 400)
            #expect(reply.json?["error"]?.stringValue?.hasPrefix("body must be a JSON array of events") == true)
        }
    }

    @Test func missingRequiredFieldIs400WithPointer() async throws {
        try await withSandbox { server, port in
            let reply = try await send(port: port, path: "/api/track", body: #"[{"event_name":"signed_up"}]"#)
            #expect(reply.status == 400)
            let errors = try #require(reply.json?["errors"]?.arrayValue)
            #expect(errors.contains { $0["path"] == .string("/0/user_id") && $0["code"] == .string("missing_required") })
            #expect(reply.json?["error"] == errors.first?["message"])
            #expect(server.receivedEvents().isEmpty)
        }
    }

    @Test func tooManyEventsIs400() async throws {
        try await withSandbox { _, port in
            let one = #"{"event_name":"e","user_id":"u"}"#
            let body = "[" + Array(repeating: one, count: SandboxLimits.maxEventsPerRequest + 1).joined(separator: ",") + "]"
            let reply = try await send(port: port, path: "/api/track", body: body)
            #expect(reply.status == 400)
            #expect(reply.json?["error"]?.stringValue?.contains("1000") == true)
        }
    }

    @Test func oversizedBodyIs400() async throws {
        try await withSandbox { _, port in
            let filler = String(repeating: "x", count: SandboxLimits.maxBodyBytes)
            let body = #"[{"event_name":"e","user_id":"u","properties":{"pad":""# + filler + #""}}]"#
            let reply = try await send(port: port, path: "/api/track", body: body)
            #expect(reply.status == 400)
            #expect(reply.json?["error"]?.stringValue?.contains("MB") == true)
        }
    }

    @Test func controlRoutesAndUnknownPaths() async throws {
        try await withSandbox { server, port in
            let health = try await send("GET", port: port, path: "/sandbox/health")
            #expect(health.status == 200)
            #expect(health.json == .object(["ok": .bool(true)]))

            _ = try await send(port: port, path: "/api/track", body: validTrack)
            let cleared = try await send("DELETE", port: port, path: "/sandbox/events")
            #expect(cleared.status == 200)
            #expect(server.receivedEvents().isEmpty)

            let missing = try await send("GET", port: port, path: "/api/nope")
            #expect(missing.status == 404)
            #expect(missing.json?["success"] == .bool(false))
            let wrongMethod = try await send("GET", port: port, path: "/api/track")
            #expect(wrongMethod.status == 405)
        }
    }

    @Test func storageKeepsOnlyTheNewestEvents() async throws {
        try await withSandbox(SandboxConfiguration(eventCapacity: 2)) { server, port in
            for user in ["a", "b", "c"] {
                _ = try await send(port: port, path: "/api/identify", body: #"[{"user_id":"\#(user)"}]"#)
            }
            #expect(server.receivedEvents().map { $0.event["user_id"]?.stringValue } == ["b", "c"])
        }
    }
}
