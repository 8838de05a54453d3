import Foundation

/// Work started at once on a thread of its own, its result awaited later. Start-up reads the theme files this
/// way, beside the config, the templates and the keymap: as a child task (`async let`) the reading waited for a
/// second cooperative thread, which on 2 cores came up 2 to 3 ms late in one launch out of three (a temporary
/// trace), and the first frame waited with it.
// @unchecked Sendable: `result` and `waiter` are read and written only while `lock` is held.
final class StartedThread<Result: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result?
    private var waiter: CheckedContinuation<Result, Never>?

    init(_ work: @escaping @Sendable () -> Result) {
        Thread.detachNewThread { [self] in
            let value = work()
            lock.lock()
            result = value
            let waiting = waiter
            waiter = nil
            lock.unlock()
            waiting?.resume(returning: value)
        }
    }

    /// The work's result, once it is done. Await it once.
    var value: Result {
        get async {
            await withCheckedContinuation { continuation in
                lock.lock()
                if let result {
                    lock.unlock()
                    continuation.resume(returning: result)
                } else {
                    waiter = continuation
                    lock.unlock()
                }
            }
        }
    }
}
