import Foundation
import ThriveCore

/// Why a replay could not run.
public enum ReplayError: Error, Sendable, Hashable {
    /// `run` was called while a run was in progress on the same engine.
    case alreadyRunning
}

/// Replays an imported set to one target, exactly once as far as the history can tell: splits it into requests
/// within the API's limits, skips events the target already accepted, paces and retries, and keeps the job's state
/// in a journal so a killed run can be resumed.
///
/// Ordering that makes resuming safe: for every attempt the history row is recorded and the journal marks the
/// request `sending` before the request leaves; the history row is updated and the journal marks the outcome after.
/// The engine owns retries, so give it a sender that does not retry (`SenderConfiguration(retry: .none)` for the
/// HTTP sender); if the sender retries anyway, its final attempt decides.
///
/// No printing, no globals: progress goes to the `onUpdate` callback of `run`. `pause`, `resume` and `cancel` may be
/// called from any task while `run` is in progress. `cancel()` stops new requests and lets those in flight end;
/// cancelling the task that called `run` also cancels requests in flight (their outcome is then `unknown`).
public actor ReplayEngine {
    /// The target's badge text, as history rows and the journal name it.
    public nonisolated let target: String
    /// The profile the history rows record, if the person chose one.
    public nonisolated let profile: String?
    let builder: RequestBuilder
    let sender: any RequestSending
    let history: any HistoryStore
    let journal: any ReplayJournal
    public nonisolated let options: ReplayOptions
    let validator: Validator

    private var running = false
    private var paused = false
    private var cancelRequested = false
    private var queue: [WorkItem] = []
    private var results: [Int: ReplayEventResult] = [:]
    private var progress = ReplayProgress()
    private var acceptedThisRun = 0
    private var startedAt: ContinuousClock.Instant?
    private var onUpdate: @Sendable (ReplayUpdate) -> Void = { _ in }
    private var rng: SeededGenerator

    public init(builder: RequestBuilder, sender: any RequestSending, history: any HistoryStore, journal: any ReplayJournal,
                options: ReplayOptions = ReplayOptions(), target: String? = nil, profile: String? = nil,
                validator: Validator = Validator(catalogue: .builtIn())) {
        self.builder = builder; self.sender = sender; self.history = history; self.journal = journal
        self.options = options; self.validator = validator
        self.target = target ?? builder.target.badge
        self.profile = profile
        rng = SeededGenerator(seed: options.seed)
    }

    /// Identifies an input for the journal (a hash of its events' fingerprints in order).
    public static func inputKey(for set: ImportedSet) -> String { ReplayPreparation.inputKey(set) }

    /// The unfinished job a `--resume` of `set` to `target` would continue (`job.resumeSummary` says
    /// "612 of 1,000 accepted; 388 to go"), or nil.
    public static func resumableJob(for set: ImportedSet, target: String, journal: any ReplayJournal) throws -> ReplayJob? {
        try journal.latestUnfinishedJob(inputKey: inputKey(for: set), target: target)
    }

    /// Events of `set` that the validator finds errors in, with the first error as the reason.
    public nonisolated func invalidEvents(in set: ImportedSet) -> [Int: String] {
        ReplayPreparation.invalidEvents(set, validator: validator)
    }

    public func pause() { paused = true; progress.paused = true; onUpdate(.progress(progress)) }
    public func resume() { paused = false; progress.paused = false; onUpdate(.progress(progress)) }
    /// Stops sending: queued requests stay unsent (`not_sent`, resumable), requests in flight end normally.
    public func cancel() { cancelRequested = true; paused = false; progress.cancelled = true; onUpdate(.progress(progress)) }
    public var currentProgress: ReplayProgress { progress }

    /// Runs the replay to the end (or until cancelled). `invalid` maps event numbers to why they must not be sent;
    /// nil runs the validator. Throws when the journal or history cannot be written (then nothing more is sent).
    public func run(_ set: ImportedSet, invalid: [Int: String]? = nil,
                    onUpdate: @escaping @Sendable (ReplayUpdate) -> Void = { _ in }) async throws -> ReplayResult {
        guard !running else { throw ReplayError.alreadyRunning }
        running = true
        defer { running = false }
        cancelRequested = false
        self.onUpdate = onUpdate
        results = [:]; acceptedThisRun = 0; startedAt = nil
        progress = ReplayProgress()
        progress.paused = paused
        progress.total = set.events.count
        progress.left = set.events.count

        let prepared = try ReplayPreparation.prepare(set, invalid: invalid ?? invalidEvents(in: set), options: options,
                                                     target: target, journal: journal)
        queue = prepared.items.reversed()
        settle(prepared.settled, acceptedNow: 0)

        let pacer = Pacer(rate: options.rate, concurrency: options.concurrency, slowdownSeconds: options.slowdownSeconds)
        let worker = ReplayWorker(engine: self, builder: builder, sender: sender, history: history, journal: journal,
                                  jobID: prepared.job.id, options: options, target: target, profile: profile, pacer: pacer)
        var failure: (any Error)?
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<min(max(1, options.concurrency), queue.count) {
                    group.addTask { try await worker.runLoop() }
                }
                try await group.waitForAll()
            }
        } catch is CancellationError {
        } catch {
            failure = error
        }
        let cancelled = cancelRequested || Task.isCancelled || failure != nil
        var unsent: [ReplayEventResult] = []
        for item in queue {
            unsent += item.events.map { ReplayEventResult(number: $0.number, position: $0.position, status: .notSent, reason: "not sent") }
        }
        queue = []
        let queued = Set(unsent.map(\.number))
        for e in set.events where results[e.number] == nil && !queued.contains(e.number) {
            unsent.append(ReplayEventResult(number: e.number, position: e.position, status: .notSent, reason: "not sent"))
        }
        if !unsent.isEmpty { settle(unsent, acceptedNow: 0) }
        let open = results.values.contains { $0.status == .notSent || $0.status == .unknown }
        // An incomplete job stays resumable: `cancelled` when asked to stop, else `running` (as after a crash).
        let state: ReplayJobState = cancelled ? .cancelled : (open ? .running : .finished)
        try? journal.finishJob(id: prepared.job.id, state: state)
        if let failure { throw failure }
        let events = set.events.compactMap { results[$0.number] }
        return ReplayResult(jobID: prepared.job.id, progress: progress, events: events, cancelled: cancelled)
    }

    // MARK: For the workers

    /// The next request to send, waiting while paused; nil when there is none or the run was cancelled.
    func next() async -> WorkItem? {
        while paused && !cancelRequested && !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(50))
        }
        guard !cancelRequested, !Task.isCancelled else { return nil }
        if startedAt == nil { startedAt = ContinuousClock().now }
        return queue.popLast()
    }

    var isCancelRequested: Bool { cancelRequested }

    /// A factor in 0.8…1.2 from the seeded generator, so tests' backoffs repeat.
    func jitter() -> Double { 0.8 + 0.4 * Double.random(in: 0...1, using: &rng) }

    func announce(_ update: ReplayUpdate) { onUpdate(update) }

    /// Records final results and tells the listener. Counts change by the settled events only: recounting every
    /// result after each request cost O(events) per request, 10 million steps for a 100,000-event run.
    func settle(_ settled: [ReplayEventResult], acceptedNow: Int) {
        guard !settled.isEmpty else { return }
        var p = progress
        func count(_ status: ReplayEventStatus, _ delta: Int) {
            switch status {
            case .accepted: p.accepted += delta
            case .rejected: p.rejected += delta
            case .skippedDuplicate: p.skipped += delta
            case .invalid: p.invalid += delta
            case .unknown: p.unknown += delta
            case .notSent: break
            }
        }
        for r in settled {
            if let old = results.updateValue(r, forKey: r.number) { count(old.status, -1) }
            count(r.status, 1)
        }
        acceptedThisRun += acceptedNow
        p.eventsPerSecond = 0; p.eta = nil
        p.left = p.total - p.accepted - p.rejected - p.skipped - p.invalid - p.unknown
        if let startedAt {
            let elapsed = (ContinuousClock().now - startedAt) / .seconds(1)
            if elapsed > 0 { p.eventsPerSecond = Double(acceptedThisRun) / elapsed }
            if p.eventsPerSecond > 0 { p.eta = Double(p.left) / p.eventsPerSecond }
        }
        progress = p
        onUpdate(.events(settled))
        onUpdate(.progress(p))
    }
}
