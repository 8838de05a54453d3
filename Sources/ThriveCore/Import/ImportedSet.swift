import Foundation

/// Where an imported event came from, named the same way everywhere: `export.ndjson:13` on the command line,
/// "event 13 (line 13)" in the UI. HAR files number their entries instead of lines.
public struct SourcePosition: Sendable, Hashable, CustomStringConvertible {
    /// The file name as the user gave it (or `pasted text`).
    public var file: String
    /// 1-based line where the event starts (JSON, NDJSON, curl files).
    public var line: Int?
    /// 1-based entry of a HAR file's `log.entries`.
    public var entry: Int?

    public init(file: String, line: Int? = nil, entry: Int? = nil) {
        self.file = file; self.line = line; self.entry = entry
    }

    /// `export.ndjson:13`, `session.har#4`, or the file alone.
    public var description: String {
        if let line { return "\(file):\(line)" }
        if let entry { return "\(file)#\(entry)" }
        return file
    }

    /// `line 13`, `entry 4`: the words the UI puts after an event's number.
    public var shortWords: String? {
        if let line { return "line \(line)" }
        if let entry { return "entry \(entry)" }
        return nil
    }
}

/// The file formats the importer recognises.
public enum ImportFormat: String, Sendable, Hashable {
    /// One JSON object or an array of them.
    case json
    /// One JSON value per line.
    case ndjson
    /// A browser devtools HAR export: its POSTs to `/api/track|identify|group`.
    case har
    /// One or more curl commands.
    case curl
}

/// One event of an imported set, with its source and the endpoint it goes to.
public struct ImportedEvent: Sendable, Hashable {
    /// 1-based number of the event in the whole set (all files), as the UI and reports count.
    public var number: Int
    public var event: JSONValue
    public var endpoint: Endpoint
    public var position: SourcePosition

    public init(number: Int, event: JSONValue, endpoint: Endpoint, position: SourcePosition) {
        self.number = number; self.event = event; self.endpoint = endpoint; self.position = position
    }

    /// The identity a replay checks against what the target already accepted.
    public var fingerprint: String { EventFingerprint.of(event, endpoint: endpoint) }
}

/// A part of a file that was set aside: a bad NDJSON line, an unreadable HAR entry, a curl command that is not
/// a ThriveStack request. The rest of the file still loads.
public struct ImportProblem: Sendable, Hashable, CustomStringConvertible {
    public var position: SourcePosition
    public var message: String
    public init(position: SourcePosition, message: String) { self.position = position; self.message = message }
    /// `export.ndjson:13: expected ',' or '}' …`
    public var description: String { "\(position): \(message)" }
}

/// What an import produced: the events in order, what was set aside, and any API keys found in the input
/// (curl `-H x-api-key`, HAR request headers). Keys are kept only in memory, never shown, and used only if the
/// person chooses to.
public struct ImportedSet: Sendable {
    public var events: [ImportedEvent]
    public var problems: [ImportProblem]
    /// The format of each file read, in order.
    public var formats: [ImportFormat]
    /// Keys found in the input; never printed, stored or logged.
    public var foundKeys: [String]
    /// HAR requests that were not ThriveStack POSTs (page loads, other APIs): left out without a problem, but
    /// counted so a summary can say how much of the file was not events.
    public var skipped: Int = 0

    public init(events: [ImportedEvent] = [], problems: [ImportProblem] = [], formats: [ImportFormat] = [], foundKeys: [String] = []) {
        self.events = events; self.problems = problems; self.formats = formats; self.foundKeys = foundKeys
    }
}

extension ImportedSet {
    /// Adds another file's result after this one (numbers are the caller's business: see `EventImport.read`).
    public mutating func append(_ other: ImportedSet) {
        events += other.events
        problems += other.problems
        formats += other.formats
        for key in other.foundKeys where !foundKeys.contains(key) { foundKeys.append(key) }
        skipped += other.skipped
    }

    /// The events as one request body (an array), in order.
    public var body: JSONValue { .array(events.map(\.event)) }
}
