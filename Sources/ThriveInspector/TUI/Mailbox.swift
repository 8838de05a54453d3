import NcursesBackend
import Synchronization
import ThriveUI

/// Messages from effect tasks to the UI loop: queued under a lock, then the loop is woken through the waker's pipe.
final class Mailbox: Sendable {
    private let queue = Mutex<[Msg]>([])
    private let waker: Waker

    init(waker: Waker) { self.waker = waker }

    func post(_ msg: Msg) {
        queue.withLock { $0.append(msg) }
        waker.wake()
    }

    func drain() -> [Msg] { queue.withLock { q in defer { q.removeAll() }; return q } }
}
