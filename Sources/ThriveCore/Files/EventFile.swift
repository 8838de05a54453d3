import Foundation

/// A file of events that could not be read, worded for the user (`events.json: line 3, column 7: …`).
public struct EventFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Reads event files: one JSON value (object or array) or NDJSON, with errors that name the file, line and column.
///
/// Shared by every command that takes a file of events and by the UI, so all of them accept the same inputs.
public enum EventFile {
    public static func read(_ path: String) throws(EventFileError) -> JSONValue {
        guard FileManager.default.fileExists(atPath: path) else { throw EventFileError("\(path): no such file") }
        guard let data = FileManager.default.contents(atPath: path) else { throw EventFileError("\(path): cannot be read") }
        guard let text = String(data: data, encoding: .utf8) else { throw EventFileError("\(path): is not UTF-8 text") }
        return try parse(text, name: path)
    }

    public static func parse(_ text: String, name: String) throws(EventFileError) -> JSONValue {
        do {
            return try JSONParser.parse(text)
        } catch let first {
            // NDJSON: several values on separate lines. Only worth trying when the single-value parse stopped after
            // a value; then the sequence's own error is the real one (a bad later line, not "a second value").
            var reported = first
            if first.message.contains("after the end of the JSON value") {
                do { return .array(try JSONParser.parseSequence(text)) } catch let later { reported = later }
            }
            throw EventFileError("\(name): line \(reported.line), column \(reported.column): \(reported.message)")
        }
    }
}

/// Guesses the endpoint of an event object from its keys (files and pasted bodies do not say).
public enum EndpointGuess {
    public static func guess(_ event: JSONValue) -> Endpoint {
        if event["event_name"] != nil || event["event"] != nil || event["properties"] != nil { return .track }
        if event["group_id"] != nil { return .group }
        if event["traits"] != nil { return .identify }
        return .track
    }

    /// The endpoint for a whole body: the guess for its first event.
    public static func guess(body: JSONValue) -> Endpoint {
        if case .array(let a) = body { return a.first.map { guess($0) } ?? .track }
        return guess(body)
    }
}
