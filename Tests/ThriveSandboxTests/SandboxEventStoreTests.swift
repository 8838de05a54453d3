import Foundation
import Testing
import ThriveTestSupport
import ThriveCore
@testable import ThriveSandbox

@Suite("Sandbox event store and listing")
struct SandboxEventStoreTests {
    /// An identify event padded to about `bytes`, so the byte cap binds long before the count cap.
    private func padded(_ user: String, bytes: Int = 10_000) -> String {
        #"[{"user_id":"\#(user)","traits":{"pad":"\#(String(repeating: "p", count: bytes))"}}]"#
    }

    @Test func theByteCapKeepsTheNewestEventsThatFit() async throws {
        // Room for two padded events (each costs a little over 10,000 bytes), not three.
        try await withSandbox(SandboxConfiguration(eventByteCapacity: 25_000)) { server, port in
            for user in ["a", "b", "c", "d", "e"] {
                #expect(try await send(port: port, path: "/api/identify", body: padded(user)).status == 200)
            }
            #expect(server.receivedEvents().map { $0.event["user_id"]?.stringValue } == ["d", "e"])
            let listed = try await send("GET", port: port, path: "/sandbox/events")
            #expect(listed.json?.arrayValue?.map { $0["event"]?["user_id"] } == [.string("d"), .string("e")])
        }
    }

    @Test func anEventBiggerThanTheCapIsNotKept() async throws {
        try await withSandbox(SandboxConfiguration(eventByteCapacity: 5_000)) { server, port in
            let reply = try await send(port: port, path: "/api/identify", body: padded("big"))
            #expect(reply.status == 200)
            #expect(server.receivedEvents().count == 0)
        }
    }

    @Test func theLogCountsBytesAndDropsOldestFirst() {
        var log = EventLog()
        let event = ReceivedEvent(endpoint: .identify, eventId: "evt_1", index: 0, receivedAt: Date(timeIntervalSince1970: 0),
                                  event: .object(["user_id": .string("u")]), headers: [Header("x-api-key", "k")])
        let cost = EventLog.cost(of: event)
        // The cost is an estimate of the listed JSON's size, computed without printing it.
        let listedSize = EventListing.listed(EventLog.Entry(sequence: 1, event: event, bytes: 0)).compactByteCount
        #expect(abs(cost - listedSize) < 100, "cost \(cost), listed \(listedSize)")
        log.append(Array(repeating: (event, cost), count: 4), maxCount: 10, maxBytes: 3 * cost)
        #expect(log.entries.map(\.sequence) == [2, 3, 4])
        #expect(log.totalBytes == 3 * cost)
        log.append([(event, cost)], maxCount: 2, maxBytes: 100 * cost)
        #expect(log.entries.map(\.sequence) == [4, 5])
        log.removeAll()
        log.append([(event, cost)], maxCount: 2, maxBytes: 100 * cost)
        #expect(log.entries.map(\.sequence) == [6], "sequence numbers go on after a clear")
    }

    @Test func theListingPagesWithAfterAndLimit() async throws {
        try await withSandbox { _, port in
            for user in ["a", "b", "c", "d", "e"] {
                _ = try await send(port: port, path: "/api/identify", body: #"[{"user_id":"\#(user)"}]"#)
            }
            func users(_ query: String) async throws -> [String] {
                let reply = try await send("GET", port: port, path: "/sandbox/events" + query)
                #expect(reply.status == 200, "\(reply.text)")
                return try #require(reply.json?.arrayValue).compactMap { $0["event"]?["user_id"]?.stringValue }
            }
            #expect(try await users("") == ["a", "b", "c", "d", "e"])
            let first = try #require(try await send("GET", port: port, path: "/sandbox/events?limit=2").json?.arrayValue)
            #expect(first.map { $0["sequence"] } == [.int(1), .int(2)])
            #expect(try await users("?after=2&limit=2") == ["c", "d"])
            #expect(try await users("?after=4") == ["e"])
            #expect(try await users("?after=5") == [])
            #expect(try await users("?limit=0") == [])

            _ = try await send("DELETE", port: port, path: "/sandbox/events")
            _ = try await send(port: port, path: "/api/identify", body: #"[{"user_id":"f"}]"#)
            let fresh = try #require(try await send("GET", port: port, path: "/sandbox/events").json?.arrayValue)
            #expect(fresh.map { $0["sequence"] } == [.int(6)], "a cleared store does not reuse sequence numbers")
        }
    }

    @Test(arguments: ["?limit=-1", "?after=x", "?limit=1.5"])
    func aBadPageQueryIs400(query: String) async throws {
        try await withSandbox { _, port in
            let reply = try await send("GET", port: port, path: "/sandbox/events" + query)
            #expect(reply.status == 400)
            #expect(reply.json?["error"]?.stringValue?.contains("must be a whole number of 0 or more") == true, "\(reply.text)")
        }
    }

    /// The data chunks of a chunked HTTP body, or nil if it is not well formed.
    private static func dechunk(_ body: String) -> [String]? {
        var rest = Substring(body)
        var chunks: [String] = []
        for _ in 0..<10_000 {
            guard let lineEnd = rest.range(of: "\r\n"), let size = Int(rest[..<lineEnd.lowerBound], radix: 16) else { return nil }
            rest = rest[lineEnd.upperBound...]
            if size == 0 { return chunks }
            let utf8 = rest.utf8
            guard utf8.count >= size + 2 else { return nil }
            let end = utf8.index(utf8.startIndex, offsetBy: size)
            chunks.append(String(decoding: utf8[utf8.startIndex..<end], as: UTF8.self))
            rest = Substring(utf8[utf8.index(end, offsetBy: 2)...])
        }
        return nil
    }

    /// The listing is written in chunks as it is serialised, never as one body built up front.
    @Test func theListingIsStreamed() async throws {
        try await withSandbox { _, port in
            for user in 0..<20 {
                _ = try await send(port: port, path: "/api/identify", body: padded("u\(user)", bytes: 8_000))
            }
            let connection = try RawConnection(port: port)
            #expect(await connection.write("GET /sandbox/events HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n") == .complete)
            let reply = await connection.readUntilClosed(maxBytes: 4 << 20)
            #expect(reply.end == .closed)
            let text = String(decoding: reply.bytes, as: UTF8.self)
            let parts = text.components(separatedBy: "\r\n\r\n")
            let head = parts[0]
            #expect(statusCode(of: head) == 200)
            #expect(headerValue("transfer-encoding", in: head) == "chunked", "\(head)")
            #expect(headerValue("content-length", in: head) == nil)
            let chunks = try #require(Self.dechunk(parts.dropFirst().joined(separator: "\r\n\r\n")), "malformed chunked body")
            // About 170 KB of events went out in pieces of about 64 KB, not in one piece.
            #expect(chunks.count >= 3, "\(chunks.map(\.utf8.count))")
            let listed = try JSONParser.parse(chunks.joined())
            #expect(listed.arrayValue?.count == 20)
        }
    }
}
