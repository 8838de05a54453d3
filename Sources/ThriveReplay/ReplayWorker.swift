import Foundation
import ThriveCore

/// What one attempt's outcome means for a replay.
enum AttemptVerdict: Sendable, Equatable {
    case accepted(status: Int)
    /// A final answer: the API refused the events (400, 401, 413…).
    case rejected(status: Int, reason: String)
    /// 429, 408 or 5xx: the events were not taken; try again (429 honours `retryAfter`).
    case retryStatus(status: Int, reason: String, retryAfter: Double?)
    /// The request never reached the server (refused, DNS, TLS): safe to send again.
    case notDelivered(String)
    /// It may have reached the server (reset or timed out after it was written).
    case unknown(String)
    /// The calling task was cancelled while the request was in flight.
    case cancelled

    init(_ report: SendReport) {
        guard let final = report.final else { self = .notDelivered("no attempt was made"); return }
        switch final.outcome {
        case .success(let r):
            let reason = r.errorMessage.map { "\(r.status) \($0)" } ?? r.summary
            if r.isSuccess { self = .accepted(status: r.status) }
            else if r.status == 429 {
                self = .retryStatus(status: r.status, reason: reason, retryAfter: r.header("Retry-After").flatMap { Self.retryAfter($0) })
            } else if r.status == 408 || (500...599).contains(r.status) {
                self = .retryStatus(status: r.status, reason: reason, retryAfter: nil)
            } else { self = .rejected(status: r.status, reason: reason) }
        case .failure(let e):
            switch e {
            case .cancelled: self = .cancelled
            case .connectionRefused, .dnsFailure, .tls, .invalidURL, .notHTTP: self = .notDelivered(e.message)
            case .connectionReset, .timedOut, .other: self = .unknown(e.message)
            }
        }
    }

    /// `Retry-After` as seconds or an HTTP date (RFC 9110 §10.2.3).
    static func retryAfter(_ value: String, now: Date = Date()) -> Double? {
        let v = value.trimmingCharacters(in: .whitespaces)
        if let s = Double(v), s.isFinite, s >= 0 { return s }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "GMT")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return f.date(from: v).map { max(0, $0.timeIntervalSince(now)) }
    }
}

/// Sends requests taken from the engine's queue, one at a time, until the queue is empty or the run cancelled.
/// Runs outside the engine actor so the SQLite writes and the sends of different workers overlap.
struct ReplayWorker: Sendable {
    let engine: ReplayEngine
    let builder: RequestBuilder
    let sender: any RequestSending
    let history: any HistoryStore
    let journal: any ReplayJournal
    let jobID: UUID
    let options: ReplayOptions
    let target: String
    let profile: String?
    let pacer: Pacer

    func runLoop() async throws {
        while let item = await engine.next() { try await process(item) }
    }

    func process(_ item: WorkItem) async throws {
        let numbers = item.events.map(\.number)
        let body = JSONValue.array(item.events.map(\.event))
        var retries = 0
        // Set once an attempt may have arrived: from then on "not sent" is no longer certain.
        var unknownNote: String?
        while true {
            do { try await pacer.start(events: item.events.count) } catch {
                return try await end(item, unknownNote == nil ? .notSent : .unknown, nil, unknownNote ?? "not sent (cancelled)")
            }
            if await engine.isCancelRequested {
                await pacer.end()
                return try await end(item, unknownNote == nil ? .notSent : .unknown, nil, unknownNote ?? "not sent (cancelled)")
            }
            let request = builder.build(endpoint: item.endpoint, body: body)
            let entry = HistoryEntry(id: UUID(), sentAt: Date(), request: request, target: target, profile: profile)
            let report: SendReport
            do {
                // Recorded and marked `sending` before the request leaves, updated after, as before; only the thread
                // that waits for the SQLite writes changed (see `blocking`).
                try await Self.blocking { [history, journal, jobID] in
                    try history.record(entry)
                    try journal.markSending(jobID: jobID, index: item.index, sendID: entry.id, eventNumbers: numbers)
                }
                report = await sender.send(request)
                await pacer.end()
                try await Self.blocking { [history] in try history.update(entry.completed(by: report)) }
            } catch {
                await pacer.end()
                throw error
            }
            let verdict = AttemptVerdict(report)
            let wait: Double
            switch verdict {
            case .accepted(let status):
                let note = unknownNote.map { "accepted after an attempt with an unknown outcome (\($0)); it may have arrived twice" }
                return try await end(item, .accepted, status, note ?? "")
            case .rejected(let status, let reason):
                return try await end(item, .rejected, status, reason)
            case .cancelled:
                return try await end(item, .unknown, nil, "cancelled while in flight; it may have arrived")
            case .unknown(let message) where options.unknownPolicy == .skip:
                return try await end(item, .unknown, nil, message)
            case .retryStatus(let status, let reason, let retryAfter):
                if retries >= options.maxRetries || Task.isCancelled {
                    if unknownNote != nil { return try await end(item, .unknown, status, "\(reason); earlier: \(unknownNote!)") }
                    return try await end(item, .rejected, status, "\(reason) (gave up after \(retries) retries)")
                }
                if status == 429, let retryAfter {
                    wait = min(options.maxRetryAfter, retryAfter)
                } else {
                    wait = await backoff(retries)
                }
                if status == 429 { await pacer.rateLimited(retryAfter: wait) }
            case .notDelivered(let message), .unknown(let message):
                if case .unknown = verdict { unknownNote = message }
                if retries >= options.maxRetries || Task.isCancelled {
                    return try await end(item, unknownNote == nil ? .notSent : .unknown, nil,
                                         "\(message) (gave up after \(retries) retries)")
                }
                wait = await backoff(retries)
            }
            retries += 1
            await engine.announce(.retrying(request: item.index, attempt: retries, reason: report.summary, delay: wait))
            do { try await Task.sleep(for: .milliseconds(Int(wait * 1000))) } catch {
                return try await end(item, unknownNote == nil ? .notSent : .unknown, nil, unknownNote ?? "not sent (cancelled)")
            }
            if await engine.isCancelRequested {
                return try await end(item, unknownNote == nil ? .notSent : .unknown, nil, unknownNote ?? "not sent (cancelled)")
            }
        }
    }

    /// Runs synchronous history/journal writes on a dispatch thread and waits for them. They block while another
    /// writer holds the file's write lock; on the cooperative pool (one thread per core) that left no thread for the
    /// other workers' sends and settling, so the run went at the pace of the slowest write.
    static func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
        }
    }

    private func backoff(_ retries: Int) async -> Double {
        let raw = options.baseDelay * pow(2, Double(retries))
        return min(options.maxDelay, raw) * (await engine.jitter())
    }

    /// Writes the request's end to the journal, then hands the events' results to the engine.
    private func end(_ item: WorkItem, _ status: ReplayEventStatus, _ http: Int?, _ reason: String) async throws {
        let state: ReplayRequestState
        switch status {
        case .accepted: state = .accepted
        case .rejected: state = .rejected
        case .unknown: state = .unknown
        default: state = .pending
        }
        try await Self.blocking { [journal, jobID] in
            try journal.markFinished(jobID: jobID, index: item.index, state: state, httpStatus: http, reason: reason.isEmpty ? nil : reason)
        }
        let results = item.events.map {
            ReplayEventResult(number: $0.number, position: $0.position, status: status, httpStatus: http, reason: reason)
        }
        await engine.settle(results, acceptedNow: status == .accepted ? results.count : 0)
    }
}
