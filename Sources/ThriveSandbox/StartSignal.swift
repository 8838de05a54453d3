import Synchronization

/// A one-shot result that any number of callers can await: `start()` callers wait here for the bound port.
final class StartSignal: Sendable {
    private enum State {
        case pending([CheckedContinuation<Int, any Error>])
        case done(Result<Int, any Error>)
    }

    private let state = Mutex(State.pending([]))

    /// Settles the signal; later calls are ignored, so the first outcome (bound, or failed) wins.
    func resolve(_ result: Result<Int, any Error>) {
        let waiters: [CheckedContinuation<Int, any Error>] = state.withLock { s in
            guard case .pending(let waiting) = s else { return [] }
            s = .done(result)
            return waiting
        }
        for waiter in waiters { waiter.resume(with: result) }
    }

    func wait() async throws -> Int {
        try await withCheckedThrowingContinuation { continuation in
            let settled: Result<Int, any Error>? = state.withLock { s in
                switch s {
                case .pending(let waiting):
                    s = .pending(waiting + [continuation])
                    return nil
                case .done(let result):
                    return result
                }
            }
            if let settled { continuation.resume(with: settled) }
        }
    }
}
