import Foundation
import TerminalScreen
import Testing
import ThriveCore

@testable import ThriveUI

/// Deterministic states for render and update tests: fixed clock, fixed ids, a sandbox on a fixed port.
enum Fixtures {
    static let now = Date(timeIntervalSince1970: 1_790_000_000) // 2026-09-21T14:13:20Z

    static func state(width: Int = 80, height: Int = 24) -> AppState {
        var s = AppState(size: Size(width: width, height: height), catalogue: .builtIn(),
                         destination: Destination(target: .sandbox(port: 54321)), themeNames: ["default-dark", "light"],
                         now: now, ids: .sequential)
        s.status = nil
        return s
    }

    static func key(_ s: inout AppState, _ keys: Key...) -> [Effect] {
        keys.flatMap { update(&s, .terminal(.key($0))) }
    }

    /// Ctrl-S, which must start a send: a test that needs one fails here rather than passing by returning early.
    static func send(_ s: inout AppState) throws -> (id: UUID, request: APIRequest) {
        let effects = key(&s, .ctrl("s"))
        guard case .send(let id, let request)? = effects.first else {
            throw SendMissing(effects: effects, status: s.status?.text)
        }
        return (id, request)
    }

    struct SendMissing: Error, CustomStringConvertible {
        var effects: [Effect]
        var status: String? = nil
        var description: String { "Ctrl-S did not send: effects \(effects), status \(status ?? "none")" }
    }

    static func type(_ s: inout AppState, _ text: String) {
        for c in text { _ = update(&s, .terminal(.key(.char(c)))) }
    }

    /// A finished send, as the runner would report it.
    static func report(_ request: APIRequest, status: Int, body: String, latency: Double = 0.012) -> SendReport {
        SendReport(request: request, attempts: [Attempt(number: 1, startedAt: now, latency: latency,
                                                        outcome: .success(HTTPResponse(status: status, headers: [Header("content-type", "application/json")], body: Data(body.utf8))))])
    }

    static func failure(_ request: APIRequest, _ error: NetworkError) -> SendReport {
        SendReport(request: request, attempts: [Attempt(number: 1, startedAt: now, latency: 0.002, outcome: .failure(error))])
    }
}


/// Compares a rendered screen with a checked-in golden file; `UPDATE_GOLDEN=1` rewrites the files.
enum Golden {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func check(_ buffer: CellBuffer, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = directory.appendingPathComponent(name + ".txt")
        let text = buffer.text + "\n"
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" || !FileManager.default.fileExists(atPath: url.path) {
            try text.write(to: url, atomically: true, encoding: .utf8)
            if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] != "1" {
                Issue.record("golden file \(name).txt was missing and has been written; check it and run again", sourceLocation: sourceLocation)
            }
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(text == expected, "screen differs from \(name).txt:\n\(text)", sourceLocation: sourceLocation)
    }
}
