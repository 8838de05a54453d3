import Foundation

/// The history file opened after the first frame, so that frame does not wait for SQLite (about 9 ms of a
/// 30 ms start here, most of it the first use of GRDB, and on 2 cores it also slows what runs beside it).
///
/// Opening starts on a thread of its own the first time anything needs the store: `opened()`, which the UI
/// calls once its first frame is drawn, or a send. Until the file is open, sends are kept in memory and the
/// pane reads those (none, usually); when it opens they are written to it first, in order, so nothing waits on
/// the UI's thread and nothing is lost. The UI reloads the pane when `opened()` returns. Whatever needs the
/// whole file (`forEach`, `prune`, the replay journal) waits for it. A thread, not a task: a replay waiting here
/// holds a cooperative thread, and must not hold the ones the opening would run on.
// @unchecked Sendable: `started`, `target` and `waiters` are read and written only while `condition` is locked,
// and `early` is written only under it too.
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

    private let condition = NSCondition()
    private let opening: @Sendable () -> Opened
    private var started = false
    private var target: Opened?
    private var waiters: [CheckedContinuation<String?, Never>] = []
    /// Sends made while the file opens, and the secrets to scrub from them.
    private let early = InMemoryHistoryStore()
    private var secrets: [String] = []

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
        // Under the lock, so a send cannot land in `early` after it has been copied.
        for secret in secrets { opened.store.addSecret(secret) }
        for entry in early.all { try? opened.store.record(entry) }
        target = opened
        let resumed = waiters
        waiters = []
        condition.broadcast()
        condition.unlock()
        for waiter in resumed { waiter.resume(returning: opened.warning) }
    }

    /// Whether the store has been handed over.
    public var isOpen: Bool { condition.lock(); defer { condition.unlock() }; return target != nil }

    /// Whether opening has begun (it does not until something needs the store).
    public var hasStartedOpening: Bool { condition.lock(); defer { condition.unlock() }; return started }

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

    private func waitForTarget() -> Opened {
        beginOpening()
        condition.lock(); defer { condition.unlock() }
        while target == nil { condition.wait() }
        return target!
    }

    /// Runs `body` on the open store, or on the sends kept in memory while it opens.
    private func current<T>(_ body: (any HistoryStore) throws -> T) rethrows -> T {
        condition.lock()
        if let store = target?.store {
            condition.unlock()
            return try body(store)
        }
        defer { condition.unlock() }
        return try body(early)
    }

    // MARK: Sends and the pane: kept in memory until the file is open

    public func record(_ entry: HistoryEntry) throws {
        try current { try $0.record(entry) }
        beginOpening()
    }

    public func update(_ entry: HistoryEntry) throws { try current { try $0.update(entry) } }

    public func count(matching query: HistoryQuery) throws -> Int { try current { try $0.count(matching: query) } }

    public func summaries(matching query: HistoryQuery, in range: Range<Int>) throws -> [HistorySummary] {
        try current { try $0.summaries(matching: query, in: range) }
    }

    public func entry(id: UUID) throws -> HistoryEntry? { try current { try $0.entry(id: id) } }

    public func entries(idPrefix: String, limit: Int) throws -> [HistoryEntry] {
        try current { try $0.entries(idPrefix: idPrefix, limit: limit) }
    }

    public func addSecret(_ secret: String) {
        condition.lock()
        if let store = target?.store {
            condition.unlock()
            store.addSecret(secret)
            return
        }
        secrets.append(secret)
        early.addSecret(secret)
        condition.unlock()
    }

    // MARK: The whole file: waits for it

    public func forEach(matching query: HistoryQuery, limit: Int?, _ body: (HistoryEntry) throws -> Void) throws {
        try waitForTarget().store.forEach(matching: query, limit: limit, body)
    }

    public func prune(olderThan: Date?, keepNewest: Int?) throws -> Int {
        try waitForTarget().store.prune(olderThan: olderThan, keepNewest: keepNewest)
    }

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
