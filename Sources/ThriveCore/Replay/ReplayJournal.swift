import Foundation

/// A replay job's state as the journal keeps it.
public enum ReplayJobState: String, Sendable, Hashable, CaseIterable {
    case running, finished, cancelled
}

/// One planned request's state. `sending` is written before the request leaves, so a row still `sending` after
/// its process died is a request whose outcome nobody knows.
public enum ReplayRequestState: String, Sendable, Hashable, CaseIterable {
    case pending, sending, accepted, rejected, unknown

    /// True once the request can no longer change (the API answered for good, or the run gave up on it).
    public var isFinal: Bool { self == .accepted || self == .rejected }
}

/// One request of a replay job: which events it carries and how it ended.
public struct ReplayJobRequest: Sendable, Hashable {
    /// 0-based position in the job's plan.
    public var index: Int
    public var endpoint: Endpoint
    /// The imported events' numbers (`ImportedEvent.number`); while sending, only those actually in the body.
    public var eventNumbers: [Int]
    public var state: ReplayRequestState
    /// The history row of the latest attempt, so `history` and the journal can be joined.
    public var sendID: UUID?
    public var httpStatus: Int?
    public var reason: String?

    public init(index: Int, endpoint: Endpoint, eventNumbers: [Int], state: ReplayRequestState = .pending,
                sendID: UUID? = nil, httpStatus: Int? = nil, reason: String? = nil) {
        self.index = index; self.endpoint = endpoint; self.eventNumbers = eventNumbers; self.state = state
        self.sendID = sendID; self.httpStatus = httpStatus; self.reason = reason
    }
}

/// A replay job: one input (identified by `inputKey`) sent to one target, with its planned requests.
public struct ReplayJob: Sendable, Hashable {
    public var id: UUID
    public var createdAt: Date
    /// The target's badge text, as history rows name it.
    public var target: String
    /// Identifies the input (a hash of its events' fingerprints in order), so a later run finds the job again.
    public var inputKey: String
    /// Valid events the job set out to deliver.
    public var totalEvents: Int
    public var state: ReplayJobState
    public var requests: [ReplayJobRequest]

    public init(id: UUID, createdAt: Date, target: String, inputKey: String, totalEvents: Int,
                state: ReplayJobState = .running, requests: [ReplayJobRequest]) {
        self.id = id; self.createdAt = createdAt; self.target = target; self.inputKey = inputKey
        self.totalEvents = totalEvents; self.state = state; self.requests = requests
    }

    /// Events in requests the API accepted.
    public var acceptedEvents: Int { requests.filter { $0.state == .accepted }.reduce(0) { $0 + $1.eventNumbers.count } }
    /// Events in requests the API rejected for good.
    public var rejectedEvents: Int { requests.filter { $0.state == .rejected }.reduce(0) { $0 + $1.eventNumbers.count } }
    /// Events still to send on a resume.
    public var remainingEvents: Int { max(0, totalEvents - acceptedEvents - rejectedEvents) }

    /// `612 of 1,000 accepted; 388 to go`: what a resume offer says.
    public var resumeSummary: String {
        var text = "\(Self.grouped(acceptedEvents)) of \(Self.grouped(totalEvents)) accepted"
        if rejectedEvents > 0 { text += ", \(Self.grouped(rejectedEvents)) rejected" }
        return text + "; \(Self.grouped(remainingEvents)) to go"
    }

    static func grouped(_ n: Int) -> String { NumberText.grouped(n) }
}

/// Where replay jobs live: the history database (ThriveHistory's `SQLiteHistoryStore`) for real runs, so a crashed
/// or killed run can be resumed; `InMemoryReplayJournal` for tests. Defined here rather than in the replay module so
/// the history module can implement it without depending on the engine.
///
/// Ordering the engine relies on: `markSending` is called after the attempt's history row is recorded and before
/// the request leaves; `markFinished` after the history row is updated with the outcome.
public protocol ReplayJournal: AnyObject, Sendable {
    /// Stores a new job and its requests (as given, normally all pending).
    func createJob(_ job: ReplayJob) throws
    /// The newest job for this input and target that is still running or was cancelled: what `--resume` continues.
    func latestUnfinishedJob(inputKey: String, target: String) throws -> ReplayJob?
    /// Adds requests to an existing job (a resume that plans events no earlier request carried).
    func appendRequests(jobID: UUID, _ requests: [ReplayJobRequest]) throws
    /// The job with every request, or nil.
    func job(id: UUID) throws -> ReplayJob?
    /// Marks a request as leaving now, with the history row of this attempt and the events actually in its body.
    func markSending(jobID: UUID, index: Int, sendID: UUID, eventNumbers: [Int]) throws
    /// Stores how a request ended (or, for `.pending`, that it went back to the queue unsent).
    func markFinished(jobID: UUID, index: Int, state: ReplayRequestState, httpStatus: Int?, reason: String?) throws
    /// Sets the job's state: `finished` or `cancelled` at the end of a run, `running` again when one resumes it.
    func finishJob(id: UUID, state: ReplayJobState) throws
    /// For each of `among` that appears in a send to `target` answered 2xx, when that send was made (the earliest).
    func acceptedFingerprints(target: String, among: [String]) throws -> [String: Date]
}
