import Foundation
import Synchronization
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Holds the running data task so cancellation and the timeout, which arrive on other threads, can reach it.
final class TaskBox: Sendable {
    private struct State { var task: URLSessionDataTask?; var cancelled = false; var timedOut = false; var finished = false }
    private let state = Mutex(State())

    func set(_ task: URLSessionDataTask) {
        let cancelNow = state.withLock { s -> Bool in s.task = task; return s.cancelled }
        if cancelNow { task.cancel() }
    }

    func cancel() {
        let task = state.withLock { s -> URLSessionDataTask? in s.cancelled = true; return s.task }
        task?.cancel()
    }

    /// Records that the data task completed, so a late timer neither cancels it nor calls it timed out.
    func finish() { state.withLock { $0.finished = true } }

    /// Marks the attempt as timed out and cancels it; false if it already finished or was cancelled.
    func markTimedOut() -> Bool {
        let task = state.withLock { s -> URLSessionDataTask?? in
            guard !s.cancelled, !s.timedOut, !s.finished else { return .none }
            s.timedOut = true
            return .some(s.task)
        }
        guard let t = task else { return false }
        t?.cancel()
        return true
    }

    var timedOut: Bool { state.withLock { $0.timedOut } }
}

/// Resumes a continuation exactly once, whichever of completion, timeout or cancellation comes first.
final class ResumeOnce<T: Sendable>: Sendable {
    private let continuation: Mutex<CheckedContinuation<T, Never>?>
    init(_ c: CheckedContinuation<T, Never>) { continuation = Mutex(c) }
    func resume(_ value: T) {
        let c = continuation.withLock { c -> CheckedContinuation<T, Never>? in defer { c = nil }; return c }
        c?.resume(returning: value)
    }
}
