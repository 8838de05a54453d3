import ThriveCore

/// The accepted events, newest kept, capped by count and by bytes; each gets a sequence number that never repeats,
/// so `GET /sandbox/events?after=N` pages stay correct while old events are dropped.
struct EventLog: Sendable {
    /// One stored event with its place in the log and what it costs to keep.
    struct Entry: Sendable {
        let sequence: Int
        let event: ReceivedEvent
        let bytes: Int
    }

    /// Fixed members of each listed object (endpoint, eventId, index, receivedAt, sequence, braces and keys).
    static let overheadBytes = 160

    private(set) var entries: [Entry] = []
    private(set) var totalBytes = 0
    /// Kept across `removeAll()`, so a client's cursor never points at a later event by mistake.
    private(set) var nextSequence = 1

    /// The JSON size of `event` as listed: what the byte cap counts.
    static func cost(of event: ReceivedEvent) -> Int {
        let headerBytes = event.headers.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 6 }
        return event.event.compactByteCount + headerBytes + overheadBytes
    }

    /// Appends `events` with their `cost(of:)`, then drops the oldest until both caps hold (so an event bigger
    /// than `maxBytes` is not kept). Costs come in precomputed so that callers can measure outside their lock.
    mutating func append(_ events: [(event: ReceivedEvent, bytes: Int)], maxCount: Int, maxBytes: Int) {
        for (event, bytes) in events {
            let entry = Entry(sequence: nextSequence, event: event, bytes: bytes)
            nextSequence += 1
            entries.append(entry)
            totalBytes += entry.bytes
        }
        var drop = 0
        var bytes = totalBytes
        while drop < entries.count, entries.count - drop > max(0, maxCount) || bytes > max(0, maxBytes) {
            bytes -= entries[drop].bytes
            drop += 1
        }
        if drop > 0 {
            entries.removeFirst(drop)
            totalBytes = bytes
        }
    }

    mutating func removeAll() {
        entries.removeAll()
        totalBytes = 0
    }

    /// Entries with a sequence number above `after` (all when nil), at most `limit` of them (all when nil).
    func page(after: Int?, limit: Int?) -> ArraySlice<Entry> {
        var start = entries.startIndex
        if let after {
            // Sequence numbers ascend, so the first entry past the cursor is found by bisection.
            var low = entries.startIndex, high = entries.endIndex
            while low < high {
                let mid = (low + high) / 2
                if entries[mid].sequence <= after { low = mid + 1 } else { high = mid }
            }
            start = low
        }
        let end = limit.map { min(entries.endIndex, start + max(0, $0)) } ?? entries.endIndex
        return entries[start..<end]
    }
}
