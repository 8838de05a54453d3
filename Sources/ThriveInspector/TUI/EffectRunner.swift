import Foundation
import ThriveCore
import ThriveNet
import ThriveUI

/// Runs the effects `update` returns: sends on background tasks (cancellable by id), timers as loop deadlines.
///
/// Used only from the UI loop's thread; results come back as messages through the mailbox.
final class EffectRunner {
    private let sender: any RequestSending
    private let mailbox: Mailbox
    private var tasks: [UUID: Task<Void, Never>] = [:]
    /// When the loop should next deliver a `.tick`.
    private(set) var nextTick: ContinuousClock.Instant?
    private(set) var quitRequested = false
    /// Set by a `.suspend` effect; the loop suspends the terminal (it owns it) and clears this.
    var suspendRequested = false

    init(sender: any RequestSending, mailbox: Mailbox) {
        self.sender = sender
        self.mailbox = mailbox
    }

    func run(_ effects: [Effect]) {
        for effect in effects {
            switch effect {
            case .send(let id, let request):
                let sender = self.sender, mailbox = self.mailbox
                tasks[id] = Task.detached {
                    let report = await sender.send(request) { attempt in mailbox.post(.sendAttempt(id: id, attempt: attempt)) }
                    mailbox.post(.sendFinished(id: id, report: report))
                }
            case .cancelSend(let id):
                tasks[id]?.cancel()
            case .tick(let after):
                let at = ContinuousClock.now.advanced(by: .milliseconds(Int(after * 1000)))
                if nextTick.map({ at < $0 }) ?? true { nextTick = at }
            case .quit:
                quitRequested = true
            case .suspend:
                suspendRequested = true
            }
        }
    }

    /// The wait until the next timer, or nil to block until input or a message.
    func timeout() -> Duration? {
        guard let t = nextTick else { return nil }
        return max(.zero, t - ContinuousClock.now)
    }

    /// True (once) when the timer is due.
    func takeDueTick() -> Bool {
        guard let t = nextTick, t <= ContinuousClock.now else { return false }
        nextTick = nil
        return true
    }

    func forget(_ id: UUID) { tasks[id] = nil }

    func cancelAll() { tasks.values.forEach { $0.cancel() } }
}
