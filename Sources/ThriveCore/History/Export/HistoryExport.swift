import Foundation

/// Where an export's text goes, piece by piece: a file being written, standard output, or a string in tests.
/// Throwing, because a full disk must end an export with a message rather than a short file.
public protocol ExportOutput {
    mutating func write(_ text: String) throws
}

extension String: ExportOutput {}

/// The formats of `history export`.
public enum HistoryExportFormat: String, Sendable, CaseIterable {
    /// One line per event sent, its compact JSON as sent.
    case ndjson
    /// One runnable curl command per send.
    case curl
    /// An HTTP Archive 1.2 file, for browser dev tools and HAR viewers.
    case har
}

/// Writes history entries in an export format one at a time, so exporting 100,000 sends never holds them
/// (or the text) in memory: `begin`, then `add` for each entry oldest first, then `end`.
public struct HistoryExportWriter {
    public let format: HistoryExportFormat
    /// Entries added so far.
    public private(set) var entryCount = 0
    /// Events written so far (ndjson lines; for the other formats, the events inside the sends).
    public private(set) var eventCount = 0
    private let creator: (name: String, version: String)
    private let requestHeaders: (HistoryEntry) -> [Header]

    /// `requestHeaders` gives the headers to write for an entry: by default those stored, with the key masked;
    /// `--reveal-key` passes a function that puts the real key back.
    public init(format: HistoryExportFormat, creator: (name: String, version: String) = ("thrive-inspector", "0"),
                requestHeaders: @escaping (HistoryEntry) -> [Header] = { $0.requestHeaders }) {
        self.format = format
        self.creator = creator
        self.requestHeaders = requestHeaders
    }

    public mutating func begin<Output: ExportOutput>(into out: inout Output) throws {
        if format == .har { try out.write(HARWriter.opening(creator: creator.name, version: creator.version)) }
    }

    public mutating func add<Output: ExportOutput>(_ entry: HistoryEntry, into out: inout Output) throws {
        let events = HistoryExportWriter.events(of: entry)
        switch format {
        case .ndjson:
            for event in events { try out.write(event.compact() + "\n") }
        case .curl:
            try out.write(HistoryExportWriter.curl(entry, headers: requestHeaders(entry)))
        case .har:
            try out.write((entryCount == 0 ? "" : ",\n") + HARWriter.entryLine(entry, requestHeaders: requestHeaders(entry)))
        }
        entryCount += 1
        eventCount += events.count
    }

    public mutating func end<Output: ExportOutput>(into out: inout Output) throws {
        if format == .har { try out.write(HARWriter.closing(empty: entryCount == 0)) }
    }

    /// The events of a sent body in order; a single object (never sent by this program, but importable) is one.
    public static func events(of entry: HistoryEntry) -> [JSONValue] {
        entry.requestBody.arrayValue ?? [entry.requestBody]
    }

    /// A comment naming the send, the command, and a blank line, so the whole export is a shell script that
    /// replays the sends in order.
    static func curl(_ entry: HistoryEntry, headers: [Header]) -> String {
        // A comment runs to the end of the line: a newline in the summary would turn the rest into a command.
        let note = [Timestamp.format(entry.sentAt), entry.id.uuidString.lowercased(), entry.target, entry.summary]
            .joined(separator: "  ")
            .map { $0.isNewline ? " " : $0 }
        guard let url = URL(string: entry.url) else {
            return "# " + String(note) + "\n# not exported: the stored URL cannot be read\n\n"
        }
        let request = APIRequest(method: entry.method, url: url, headers: headers, body: entry.requestBody, endpoint: entry.endpoint)
        // The headers are already masked or deliberately revealed: masking again would be a no-op at best.
        return "# " + String(note) + "\n" + CurlExport.curl(request, revealSecrets: true) + "\n\n"
    }
}

extension HistoryEntry {
    /// The request headers with the key put back in the secret ones whose mask matches `key`'s: a row sent
    /// with another key keeps its mask rather than getting a key it was never sent with.
    /// Returns the headers and whether any secret stayed masked.
    public func requestHeaders(revealing key: String) -> (headers: [Header], stillMasked: Bool) {
        var stillMasked = false
        let headers = requestHeaders.map { h -> Header in
            guard h.isSecret else { return h }
            let parts = h.value.split(separator: " ", maxSplits: 1).map(String.init)
            let scheme = parts.count == 2 && ["bearer", "basic", "token"].contains(parts[0].lowercased()) ? parts[0] + " " : ""
            let candidate = scheme + key
            if SecretMask.mask(headerValue: candidate) == h.value { return Header(h.name, candidate) }
            stillMasked = true
            return h
        }
        return (headers, stillMasked)
    }
}
