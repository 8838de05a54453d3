import Dispatch
import Foundation
import Synchronization
import ThriveCore

/// A request ready to go: the events still to send, after duplicates were taken out.
struct WorkItem: Sendable {
    var index: Int
    var endpoint: Endpoint
    var events: [ImportedEvent]
}

/// The job to run, the requests to send and the events already settled before anything leaves.
struct PreparedReplay: Sendable {
    var job: ReplayJob
    var items: [WorkItem]
    var settled: [ReplayEventResult]
}

/// Everything a run decides before its first request: invalid events, the plan, the journal job (new or resumed)
/// and the duplicate check. Synchronous, so the engine does it once, up front.
enum ReplayPreparation {
    /// Events with error findings, with the first error as the reason.
    ///
    /// Validated as request bodies of up to 1,000 consecutive events of one endpoint, on every core: the body
    /// validator works out each template's field plan once per body instead of once per event, which (with the
    /// cores) took 100,000 events from 3.4 s to well under a second. Batch-level findings are left out (a file is
    /// not one request); each finding's path loses the event's index, so reasons read as they did per event.
    static func invalidEvents(_ set: ImportedSet, validator: Validator, now: Date = Date()) -> [Int: String] {
        var ranges: [Range<Int>] = []
        var start = 0
        for i in set.events.indices.dropFirst() where set.events[i].endpoint != set.events[start].endpoint || i - start == 1_000 {
            ranges.append(start..<i); start = i
        }
        if !set.events.isEmpty { ranges.append(start..<set.events.count) }
        let chunks = ranges
        let out = Mutex<[Int: String]>([:])
        let events = set.events
        DispatchQueue.concurrentPerform(iterations: chunks.count) { c in
            let range = chunks[c]
            let body = JSONValue.array(events[range].map(\.event))
            var errors: [Int: [Finding]] = [:]
            for f in validator.validate(body: body, endpoint: events[range.lowerBound].endpoint, now: now)
            where f.severity == .error {
                guard let k = f.path.tokens.first.flatMap({ Int($0) }), range.contains(range.lowerBound + k) else { continue }
                var local = f
                local.path = JSONPointer(Array(f.path.tokens.dropFirst()))
                errors[range.lowerBound + k, default: []].append(local)
            }
            var found: [Int: String] = [:]
            for (index, list) in errors {
                found[events[index].number] = list[0].description + (list.count > 1 ? " (and \(list.count - 1) more)" : "")
            }
            out.withLock { $0.merge(found) { a, _ in a } }
        }
        return out.withLock { $0 }
    }

    /// Every event's fingerprint, in input order, worked out once per run and spread over the cores (a hash of
    /// canonical JSON costs microseconds, and a run used to compute each one three or four times).
    static func fingerprints(_ set: ImportedSet) -> [String] {
        let events = set.events
        let parts = 64
        let slices = Mutex<[Int: [String]]>([:])
        DispatchQueue.concurrentPerform(iterations: parts) { p in
            let lo = events.count * p / parts, hi = events.count * (p + 1) / parts
            let mine = events[lo..<hi].map(\.fingerprint)
            slices.withLock { $0[p] = mine }
        }
        return slices.withLock { all in (0..<parts).flatMap { all[$0] ?? [] } }
    }

    /// Identifies an input: a hash of its events' fingerprints in order, so the same files (in the same order) find
    /// their job again however they were named or where they were read from.
    static func inputKey(_ set: ImportedSet) -> String { inputKey(set, fingerprints: fingerprints(set)) }

    /// The same, from fingerprints already worked out (`fingerprints(set)`).
    static func inputKey(_ set: ImportedSet, fingerprints: [String]) -> String {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325, b: UInt64 = 0x8422_2325_cbf2_9ce4
        func mix(_ text: String) {
            for byte in text.utf8 {
                a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
                b = (b ^ UInt64(byte ^ 0x5A)) &* 0x0000_0100_0000_01B3
            }
        }
        mix("\(set.events.count)")
        for (e, fp) in zip(set.events, fingerprints) { mix("\n\(e.number):" + fp) }
        return String(format: "%016llx%016llx", a, b)
    }

    static func prepare(_ set: ImportedSet, invalid given: [Int: String], options: ReplayOptions, target: String,
                        journal: any ReplayJournal, now: Date = Date()) throws -> PreparedReplay {
        var invalid = given
        let allFingerprints = fingerprints(set)
        let key = inputKey(set, fingerprints: allFingerprints)
        let fingerprintOf = Dictionary(zip(set.events.map(\.number), allFingerprints), uniquingKeysWith: { a, _ in a })
        let candidates = set.events.filter { invalid[$0.number] == nil }
        let plan = ReplayPlan.make(candidates, batchSize: options.batchSize)
        invalid.merge(plan.invalid) { a, _ in a }
        var settled = set.events.compactMap { e in
            invalid[e.number].map { ReplayEventResult(number: e.number, position: e.position, status: .invalid, reason: $0) }
        }
        let byNumber = Dictionary(set.events.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
        let valid = candidates.filter { plan.invalid[$0.number] == nil }

        var job: ReplayJob
        var queue: [ReplayJobRequest]
        if options.resume, let existing = try journal.latestUnfinishedJob(inputKey: key, target: target) {
            job = existing
            queue = []
            var covered = Set<Int>()
            for r in existing.requests {
                covered.formUnion(r.eventNumbers)
                let events = r.eventNumbers.compactMap { byNumber[$0] }
                switch r.state {
                case .accepted:
                    settled += events.map { ReplayEventResult(number: $0.number, position: $0.position, status: .accepted,
                                                              httpStatus: r.httpStatus, reason: "accepted in an earlier run") }
                case .rejected:
                    settled += events.map { ReplayEventResult(number: $0.number, position: $0.position, status: .rejected,
                                                              httpStatus: r.httpStatus, reason: r.reason ?? "") }
                case .pending:
                    queue.append(r)
                case .sending, .unknown:
                    guard options.unknownPolicy == .skip else { queue.append(r); continue }
                    let reason = r.reason ?? "the run sending it ended before its outcome was known"
                    if r.state == .sending {
                        try journal.markFinished(jobID: job.id, index: r.index, state: .unknown, httpStatus: nil, reason: reason)
                    }
                    settled += events.map { ReplayEventResult(number: $0.number, position: $0.position, status: .unknown, reason: reason) }
                }
            }
            // Events in no request were skipped as duplicates last time (or the batch size changed): plan them again,
            // and the duplicate check below decides afresh.
            let next = (existing.requests.map(\.index).max() ?? -1) + 1
            let extra = ReplayPlan.make(valid.filter { !covered.contains($0.number) }, batchSize: options.batchSize).requests
                .map { ReplayJobRequest(index: next + $0.index, endpoint: $0.endpoint, eventNumbers: $0.eventNumbers) }
            if !extra.isEmpty { try journal.appendRequests(jobID: job.id, extra) }
            queue += extra
            if existing.state != .running { try journal.finishJob(id: job.id, state: .running) }
        } else {
            job = ReplayJob(id: UUID(), createdAt: now, target: target, inputKey: key, totalEvents: valid.count,
                            requests: plan.requests.map { ReplayJobRequest(index: $0.index, endpoint: $0.endpoint, eventNumbers: $0.eventNumbers) })
            try journal.createJob(job)
            queue = job.requests
        }

        var fingerprints: [Int: String] = [:]
        for r in queue { for n in r.eventNumbers { fingerprints[n] = fingerprintOf[n] } }
        let accepted = options.allowDuplicates ? [:] : try journal.acceptedFingerprints(target: target, among: Array(fingerprints.values))
        var seen: [String: SourcePosition] = [:]
        var items: [WorkItem] = []
        for r in queue {
            var keep: [ImportedEvent] = []
            for n in r.eventNumbers {
                guard let e = byNumber[n] else { continue }
                if !options.allowDuplicates, let fp = fingerprints[n] {
                    if let date = accepted[fp] {
                        settled.append(ReplayEventResult(number: n, position: e.position, status: .skippedDuplicate,
                                                         reason: "already accepted by \(target) on \(Self.format(date))", acceptedAt: date))
                        continue
                    }
                    if let first = seen[fp] {
                        settled.append(ReplayEventResult(number: n, position: e.position, status: .skippedDuplicate,
                                                         reason: "the same event as \(first) in this input"))
                        continue
                    }
                    seen[fp] = e.position
                }
                keep.append(e)
            }
            if keep.isEmpty {
                try journal.markFinished(jobID: job.id, index: r.index, state: .accepted, httpStatus: nil,
                                         reason: "every event was already accepted")
            } else {
                items.append(WorkItem(index: r.index, endpoint: r.endpoint, events: keep))
            }
        }
        return PreparedReplay(job: job, items: items, settled: settled)
    }

    static func format(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }
}
