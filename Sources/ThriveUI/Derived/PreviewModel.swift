import TerminalScreen
import ThriveCore

/// The preview's lines: the request line and headers, then the body printed event by event.
///
/// Each event's lines are kept with the composer revision they were printed from, so a change to one event
/// of a 1,000-event batch reprints that event only; while a field is being typed, only the shown event is
/// reprinted, with the typed value in place. Views read lines by index and never print JSON themselves.
public struct PreviewModel: Sendable {
    public private(set) var header: [StyledLine] = []
    private var chunks: [[StyledLine]] = []
    private var chunkRevisions: [Int] = []
    /// First body line of each chunk, after the opening bracket.
    private var starts: [Int] = []
    private var headerKey: HeaderKey?
    public private(set) var lineCount = 0
    public private(set) var byteCount = 0
    public var scroll = ScrollState(.viewport)

    private struct HeaderKey: Equatable { var destination: Destination; var endpoint: Endpoint; var showsStale: Bool }

    /// Revision marking a chunk printed from a field being typed, so it is reprinted when the edit ends.
    private static let typedRevision = -1

    mutating func sync(with c: ComposerState, destination: Destination) {
        let key = HeaderKey(destination: destination, endpoint: c.endpoint, showsStale: c.rawError != nil)
        if key != headerKey {
            headerKey = key
            header = Self.header(destination: destination, endpoint: c.endpoint, stale: c.rawError != nil)
        }
        let events = c.events
        if chunks.count != events.count {
            chunks = Array(repeating: [], count: events.count)
            chunkRevisions = Array(repeating: Int.min, count: events.count)
        }
        var changed = false
        let typed = c.editedEvent
        for k in events.indices {
            let last = k == events.count - 1
            if k == c.eventIndex, let typed {
                chunks[k] = Self.chunk(typed, last: last)
                chunkRevisions[k] = Self.typedRevision
                changed = true
            } else if chunkRevisions[k] != c.eventRevisions[k] {
                chunks[k] = Self.chunk(events[k], last: last)
                chunkRevisions[k] = c.eventRevisions[k]
                changed = true
            }
        }
        if changed || starts.count != chunks.count {
            starts = []
            starts.reserveCapacity(chunks.count)
            var n = 1
            for chunk in chunks { starts.append(n); n += chunk.count }
        }
        lineCount = header.count + (chunks.isEmpty ? 1 : 2 + chunks.reduce(0) { $0 + $1.count })
        byteCount = typed == nil ? c.byteCount : c.byteCount - c.event.compactByteCount + typed!.compactByteCount
    }

    /// Line `i` of the whole preview.
    public func line(_ i: Int) -> StyledLine {
        if i < header.count { return header[i] }
        let b = i - header.count
        if chunks.isEmpty { return [StyledRun("[]", .muted)] }
        if b == 0 { return [StyledRun("[", .muted)] }
        if b == lineCount - header.count - 1 { return [StyledRun("]", .muted)] }
        // The last chunk starting at or before b.
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= b { lo = mid } else { hi = mid - 1 }
        }
        let chunk = chunks[lo]
        let j = b - starts[lo]
        return chunk.indices.contains(j) ? chunk[j] : []
    }

    static func header(destination: Destination, endpoint: Endpoint, stale: Bool) -> [StyledLine] {
        let request = destination.previewBuilder.build(endpoint: endpoint, body: .array([]))
        let url = destination.builder == nil ? request.url.absoluteString.replacingOccurrences(of: ":0/", with: ":…/") : request.url.absoluteString
        var out: [StyledLine] = [[StyledRun("POST ", .accent), StyledRun(url, .text)]]
        for h in request.maskedHeaders { out.append([StyledRun(h.name + ": ", .muted), StyledRun(h.value, .text)]) }
        out.append([])
        if stale { out.append([StyledRun("(showing the last JSON that parsed)", .warning)]) }
        return out
    }

    /// An event's lines as an element of the body array: indented one level, a comma after all but the last.
    static func chunk(_ event: JSONValue, last: Bool) -> [StyledLine] {
        var lines = JSONStyling.lines(event, level: 1)
        if !last, !lines.isEmpty { lines[lines.count - 1].append(StyledRun(",", .muted)) }
        return lines
    }
}
