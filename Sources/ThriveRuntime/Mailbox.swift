import Synchronization
import TerminalScreen
import ThriveUI

/// Messages from effect tasks to the UI loop: queued under a lock, then the loop is woken through the
/// backend's waker.
final class Mailbox: Sendable {
    private let queue = Mutex<[Msg]>([])
    private let waker: any TerminalWaker

    init(waker: any TerminalWaker) { self.waker = waker }

    func post(_ msg: Msg) {
        queue.withLock { $0.append(msg) }
        waker.wake()
    }

    func drain() -> [Msg] { queue.withLock { q in defer { q.removeAll() }; return q } }
}
