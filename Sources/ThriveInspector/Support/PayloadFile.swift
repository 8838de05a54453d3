import Foundation
import ThriveCore

/// Reads event files: one JSON value (object or array) or NDJSON, with errors that name the file, line and column.
enum PayloadFile {
    static func read(_ path: String) throws -> JSONValue {
        guard FileManager.default.fileExists(atPath: path) else { throw CLIError("\(path): no such file") }
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("\(path): cannot be read") }
        guard let text = String(data: data, encoding: .utf8) else { throw CLIError("\(path): is not UTF-8 text") }
        return try parse(text, name: path)
    }

    static func parse(_ text: String, name: String) throws -> JSONValue {
        do {
            return try JSONParser.parse(text)
        } catch let first {
            // NDJSON: several values on separate lines. Only worth trying when the single-value parse stopped after
            // a value; then the sequence's own error is the real one (a bad later line, not "a second value").
            var reported = first
            if first.message.contains("after the end of the JSON value") {
                do { return .array(try JSONParser.parseSequence(text)) } catch let later { reported = later }
            }
            throw CLIError("\(name): line \(reported.line), column \(reported.column): \(reported.message)")
        }
    }
}

/// Guesses the endpoint of an event object from its keys (files and pasted bodies do not say).
enum EndpointGuess {
    static func guess(_ event: JSONValue) -> Endpoint {
        if event["event_name"] != nil || event["event"] != nil || event["properties"] != nil { return .track }
        if event["group_id"] != nil { return .group }
        if event["traits"] != nil { return .identify }
        return .track
    }

    /// The endpoint for a whole body: the guess for its first event.
    static func guess(body: JSONValue) -> Endpoint {
        if case .array(let a) = body { return a.first.map { guess($0) } ?? .track }
        return guess(body)
    }
}
