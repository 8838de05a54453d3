import Foundation
import Synchronization

/// The journal for tests and runs without a history file: jobs kept in memory, accepted fingerprints read from an
/// `InMemoryHistoryStore` when one is given (else none are known).
public final class InMemoryReplayJournal: ReplayJournal {
    private let jobs = Mutex<[ReplayJob]>([])
    private let history: InMemoryHistoryStore?

    public init(history: InMemoryHistoryStore? = nil) { self.history = history }

    public func createJob(_ job: ReplayJob) {
        jobs.withLock { $0.append(job) }
    }

    public func latestUnfinishedJob(inputKey: String, target: String) -> ReplayJob? {
        jobs.withLock { $0.last { $0.inputKey == inputKey && $0.target == target && $0.state != .finished } }
    }

    public func appendRequests(jobID: UUID, _ requests: [ReplayJobRequest]) {
        jobs.withLock { all in
            if let j = all.firstIndex(where: { $0.id == jobID }) { all[j].requests += requests }
        }
    }

    public func job(id: UUID) -> ReplayJob? { jobs.withLock { $0.first { $0.id == id } } }

    public func markSending(jobID: UUID, index: Int, sendID: UUID, eventNumbers: [Int]) {
        change(jobID, index) { r in
            r.state = .sending; r.sendID = sendID; r.eventNumbers = eventNumbers; r.httpStatus = nil; r.reason = nil
        }
    }

    public func markFinished(jobID: UUID, index: Int, state: ReplayRequestState, httpStatus: Int?, reason: String?) {
        change(jobID, index) { r in r.state = state; r.httpStatus = httpStatus; r.reason = reason }
    }

    public func finishJob(id: UUID, state: ReplayJobState) {
        jobs.withLock { all in
            if let j = all.firstIndex(where: { $0.id == id }) { all[j].state = state }
        }
    }

    public func acceptedFingerprints(target: String, among: [String]) -> [String: Date] {
        guard let history else { return [:] }
        let wanted = Set(among)
        var out: [String: Date] = [:]
        for entry in history.all where entry.target == target {
            guard let status = entry.httpStatus, (200..<300).contains(status) else { continue }
            for event in entry.events where wanted.contains(event.fingerprint) {
                out[event.fingerprint] = min(out[event.fingerprint] ?? entry.sentAt, entry.sentAt)
            }
        }
        return out
    }

    private func change(_ jobID: UUID, _ index: Int, _ body: (inout ReplayJobRequest) -> Void) {
        jobs.withLock { all in
            guard let j = all.firstIndex(where: { $0.id == jobID }),
                  let r = all[j].requests.firstIndex(where: { $0.index == index }) else { return }
            body(&all[j].requests[r])
        }
    }
}
