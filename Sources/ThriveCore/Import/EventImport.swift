import Foundation

/// A file that could not be read at all (missing, unreadable, not UTF-8), worded as one line naming it.
/// Anything smaller (a bad line, an unreadable HAR entry) is an ``ImportProblem`` instead.
public struct EventImportError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The one reader of event files and pasted text, used by `validate`, `send --file`, `replay` and the UI.
///
/// Recognises a JSON object or array, NDJSON, a HAR export and a text file of curl commands. Every event keeps
/// where it came from; parts that cannot be read become problems with their line (or HAR entry) and the rest
/// still loads. Works on bytes, each line or value parsed once, so big files stay linear.
public enum EventImport {
    /// Reads `paths` in order, numbering events 1… across all of them. Throws only when a whole file cannot be read.
    public static func read(paths: [String]) throws(EventImportError) -> ImportedSet {
        var set = ImportedSet()
        for path in paths {
            set.append(try read(path: path, firstNumber: set.events.count + 1))
        }
        return set
    }

    /// Reads one file; its events are numbered from `firstNumber`. `@file` references inside curl commands are
    /// read relative to the file's folder.
    public static func read(path: String, firstNumber: Int = 1) throws(EventImportError) -> ImportedSet {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw EventImportError("\(path): no such file")
        }
        guard !isDirectory.boolValue else { throw EventImportError("\(path): is a folder, not a file") }
        guard let data = FileManager.default.contents(atPath: path) else { throw EventImportError("\(path): cannot be read") }
        let bytes = [UInt8](data)
        guard String(validating: bytes, as: UTF8.self) != nil else { throw EventImportError("\(path): is not UTF-8 text") }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        return parse(bytes: bytes, name: path, firstNumber: firstNumber, baseDirectory: folder)
    }

    /// Reads pasted text (or a file already in memory) named `name` in positions and problems.
    public static func parse(_ text: String, name: String, firstNumber: Int = 1) -> ImportedSet {
        parse(bytes: Array(text.utf8), name: name, firstNumber: firstNumber, baseDirectory: nil)
    }

    /// Which reader a text needs, decided from its first bytes and, for broken JSON, a few of its lines.
    public static func detectFormat(_ text: String, name: String) -> ImportFormat {
        detect(Array(text.utf8), name: name).format
    }

    static func parse(bytes: [UInt8], name: String, firstNumber: Int, baseDirectory: URL?) -> ImportedSet {
        var sink = ImportSink(name: name, firstNumber: firstNumber)
        let detection = detect(bytes, name: name)
        sink.set.formats = [detection.format]
        switch detection {
        case .empty:
            sink.problem(SourcePosition(file: name), "the file is empty; expected JSON, NDJSON, a HAR file or curl commands")
        case .json(let value):
            JSONImportReader.read(value, bytes: bytes, into: &sink)
        case .brokenJSON(let error):
            sink.problem(SourcePosition(file: name, line: error.line), "column \(error.column): \(error.message)")
        case .har(let value):
            HARReader.read(value, into: &sink)
        case .ndjson:
            NDJSONReader.read(bytes, into: &sink)
        case .curl:
            CurlFileReader.read(bytes, baseDirectory: baseDirectory, into: &sink)
        }
        return redactingKeys(sink.set)
    }

    /// The readers mask keys in the headers they recognise, but a mangled header (`x…⏎-api-key: K`) can still
    /// quote a key found elsewhere in the input; every problem is scrubbed of every found key as a last step.
    static func redactingKeys(_ set: ImportedSet) -> ImportedSet {
        let keys = set.foundKeys.filter { !$0.isEmpty }
        guard !keys.isEmpty, set.problems.contains(where: { p in keys.contains { p.message.contains($0) } }) else { return set }
        var clean = set
        clean.problems = set.problems.map { p in
            ImportProblem(position: p.position, message: keys.reduce(p.message) { $0.replacingOccurrences(of: $1, with: SecretMask.redacted) })
        }
        return clean
    }

    enum Detection {
        case empty
        case json(JSONValue)
        case brokenJSON(JSONParseError)
        case har(JSONValue)
        case ndjson
        case curl

        var format: ImportFormat {
            switch self {
            case .empty, .json, .brokenJSON: return .json
            case .har: return .har
            case .ndjson: return .ndjson
            case .curl: return .curl
            }
        }
    }

    static func detect(_ bytes: [UInt8], name: String) -> Detection {
        var i = ByteLines.startSkippingBOM(bytes)
        while i < bytes.count, ByteLines.isBlank(bytes[i]) { i += 1 }
        guard i < bytes.count else { return .empty }
        let lower = name.lowercased()
        let namedNDJSON = lower.hasSuffix(".ndjson") || lower.hasSuffix(".jsonl") || lower.hasSuffix(".ldjson")
        if bytes[i] != UInt8(ascii: "{"), bytes[i] != UInt8(ascii: "["), CurlFileReader.containsCommand(bytes) { return .curl }
        do {
            let value = try JSONParser.parse(bytes: bytes)
            return HARReader.isHAR(value) ? .har(value) : .json(value)
        } catch {
            // A first value followed by more is NDJSON; the per-line reader then gives each bad line its own problem.
            if error.message.contains("after the end of the JSON value") || namedNDJSON { return .ndjson }
            return NDJSONReader.mostLinesParse(bytes) ? .ndjson : .brokenJSON(error)
        }
    }
}

/// Collects one file's events with running numbers, so every reader numbers and positions them the same way.
struct ImportSink {
    let name: String
    var set = ImportedSet()
    private var next: Int

    init(name: String, firstNumber: Int) {
        self.name = name
        next = firstNumber
    }

    /// An array body contributes each element (one request's batch); anything else is one event.
    mutating func addBody(_ value: JSONValue, endpoint: Endpoint?, at position: SourcePosition) {
        if case .array(let items) = value {
            for item in items { add(item, endpoint: endpoint, at: position) }
        } else {
            add(value, endpoint: endpoint, at: position)
        }
    }

    mutating func add(_ event: JSONValue, endpoint: Endpoint?, at position: SourcePosition) {
        set.events.append(ImportedEvent(number: next, event: event, endpoint: endpoint ?? EndpointGuess.guess(event), position: position))
        next += 1
    }

    mutating func problem(_ position: SourcePosition, _ message: String) {
        set.problems.append(ImportProblem(position: position, message: message))
    }

    mutating func foundKey(_ key: String?) {
        guard let key, !key.isEmpty, !set.foundKeys.contains(key) else { return }
        set.foundKeys.append(key)
    }
}
