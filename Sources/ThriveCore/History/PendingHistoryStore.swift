import Foundation

/// The history file opened after the first frame, so that frame does not wait for SQLite (about 9 ms of a
/// 30 ms start here, most of it the first use of GRDB, and on 2 cores it also slows what runs beside it).
///
/// Opening starts on a thread of its own the first time anything needs the store: `opened()`, which the UI
/// calls once its first frame is drawn, or any write. Until the store is open the pane's reads (`count`,
/// `summaries`, `entry`, `entries`) answer "nothing yet", and the UI reloads the pane when `opened()` returns.
/// Everything else waits for the store: a send recorded in the first milliseconds is written, not lost, and a
/// replay's journal is the real one. A thread, not a task: a send waiting here holds a cooperative thread, and
/// must not hold the ones the opening would run on.
// @unchecked Sendable: `target`, `started` and `waiters` are read and written only while `condition` is locked.
public final class PendingHistoryStore: HistoryStore, ReplayJournal, @unchecked Sendable {
    /// What opening gives: the store, the journal that goes with it (the store itself for SQLite), and the
    /// line to show when the file could not be opened and history is kept in memory for the run instead.
    public struct Opened: Sendable {
        public let store: any HistoryStore
        public let journal: any ReplayJournal
        public let warning: String?

        public init(store: any HistoryStore, journal: any ReplayJournal, warning: String?) {
            self.store = store; self.journal = journal; self.warning = warning
        }
    }
    private typealias Target = Opened

    private let condition = NSCondition()
    private let opening: @Sendable () -> Opened
    private var started = false
    private var target: Target?
    private var waiters: [CheckedContinuation<String?, Never>] = []

    /// `opening` runs once, on its own thread, when the store is first needed.
    public init(opening: @escaping @Sendable () -> Opened) {
        self.opening = opening
    }

    /// Starts opening now if nothing has yet.
    public func beginOpening() {
        condition.lock()
        let start = !started
        started = true
        condition.unlock()
        guard start else { return }
        let opening = self.opening
        Thread.detachNewThread { [self] in fulfil(opening()) }
    }

    private func fulfil(_ opened: Opened) {
        condition.lock()
        guard target == nil else { condition.unlock(); return }
        target = opened
        let resumed = waiters
        waiters = []
        condition.broadcast()
        condition.unlock()
        for waiter in resumed { waiter.resume(returning: opened.warning) }
    }

    /// Whether the store has been handed over.
    public var isOpen: Bool { condition.lock(); defer { condition.unlock() }; return target != nil }

    /// Opens the store if nothing has yet and returns once it is open, with the warning opening gave.
    public func opened() async -> String? {
        beginOpening()
        return await withCheckedContinuation { continuation in
            condition.lock()
            if let target {
                condition.unlock()
                continuation.resume(returning: target.warning)
            } else {
                waiters.append(continuation)
                condition.unlock()
            }
        }
    }

    private func waitForTarget() -> Target {
        beginOpening()
        condition.lock(); defer { condition.unlock() }
        while target == nil { condition.wait() }
        return target!
    }

    private var openTarget: Target? { condition.lock(); defer { condition.unlock() }; return target }

    // MARK: Reads the pane makes: nothing yet until the store is open

    public func count(matching query: HistoryQuery) throws -> Int { try openTarget?.store.count(matching: query) ?? 0 }

    public func summaries(matching query: HistoryQuery, in range: Range<Int>) throws -> [HistorySummary] {
        try openTarget?.store.summaries(matching: query, in: range) ?? []
    }

    public func entry(id: UUID) throws -> HistoryEntry? { try openTarget?.store.entry(id: id) }

    public func entries(idPrefix: String, limit: Int) throws -> [HistoryEntry] {
        try openTarget?.store.entries(idPrefix: idPrefix, limit: limit) ?? []
    }

    // MARK: Everything else waits for the store

    public func record(_ entry: HistoryEntry) throws { try waitForTarget().store.record(entry) }
    public func update(_ entry: HistoryEntry) throws { try waitForTarget().store.update(entry) }

    public func forEach(matching query: HistoryQuery, limit: Int?, _ body: (HistoryEntry) throws -> Void) throws {
        try waitForTarget().store.forEach(matching: query, limit: limit, body)
    }

    public func prune(olderThan: Date?, keepNewest: Int?) throws -> Int {
        try waitForTarget().store.prune(olderThan: olderThan, keepNewest: keepNewest)
    }

    public func addSecret(_ secret: String) { waitForTarget().store.addSecret(secret) }

    public func createJob(_ job: ReplayJob) throws { try waitForTarget().journal.createJob(job) }

    public func latestUnfinishedJob(inputKey: String, target: String) throws -> ReplayJob? {
        try waitForTarget().journal.latestUnfinishedJob(inputKey: inputKey, target: target)
    }

    public func appendRequests(jobID: UUID, _ requests: [ReplayJobRequest]) throws {
        try waitForTarget().journal.appendRequests(jobID: jobID, requests)
    }

    public func job(id: UUID) throws -> ReplayJob? { try waitForTarget().journal.job(id: id) }

    public func markSending(jobID: UUID, index: Int, sendID: UUID, eventNumbers: [Int]) throws {
        try waitForTarget().journal.markSending(jobID: jobID, index: index, sendID: sendID, eventNumbers: eventNumbers)
    }

    public func markFinished(jobID: UUID, index: Int, state: ReplayRequestState, httpStatus: Int?, reason: String?) throws {
        try waitForTarget().journal.markFinished(jobID: jobID, index: index, state: state, httpStatus: httpStatus, reason: reason)
    }

    public func finishJob(id: UUID, state: ReplayJobState) throws { try waitForTarget().journal.finishJob(id: id, state: state) }

    public func acceptedFingerprints(target: String, among: [String]) throws -> [String: Date] {
        try waitForTarget().journal.acceptedFingerprints(target: target, among: among)
    }
}
