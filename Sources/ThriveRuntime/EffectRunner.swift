import Foundation
import TerminalScreen
import ThriveCore
import ThriveUI

/// Runs the effects `update` returns: sends on background tasks (any number, cancellable by id), timers as
/// loop deadlines, and the terminal's own effects through the backend.
///
/// Used only from the loop's thread; results come back as messages through the mailbox.
final class EffectRunner {
    private let services: RuntimeServices
    private let mailbox: Mailbox
    private let backend: any TerminalBackend
    private var tasks: [UUID: Task<Void, Never>] = [:]
    private var timers: [TimerID: ContinuousClock.Instant] = [:]
    private let replays: ReplayEffects
    private(set) var quitRequested = false

    init(services: RuntimeServices, mailbox: Mailbox, backend: any TerminalBackend) {
        self.services = services
        self.mailbox = mailbox
        self.backend = backend
        replays = ReplayEffects(services: services.replay, mailbox: mailbox)
    }

    var sendsInFlight: Int { tasks.count }

    func run(_ effects: [Effect]) {
        for effect in effects {
            switch effect {
            case .startSandbox:
                let start = services.startSandbox, mailbox = self.mailbox
                Task.detached {
                    do {
                        let (port, faults) = try await start()
                        mailbox.post(.sandboxReady(port: port, faults: faults))
                    } catch {
                        mailbox.post(.sandboxFailed("\(error)"))
                    }
                }
            case .awaitHistory:
                guard let opened = services.historyOpened else {
                    mailbox.post(.historyOpened(warning: nil))
                    continue
                }
                let mailbox = self.mailbox
                Task.detached { mailbox.post(.historyOpened(warning: await opened())) }
            case .send(let id, let request):
                let sender = services.sender, mailbox = self.mailbox
                tasks[id] = Task.detached {
                    let report = await sender.send(request) { attempt in mailbox.post(.sendAttempt(id: id, attempt: attempt)) }
                    mailbox.post(.sendFinished(id: id, report: report))
                }
            case .cancelSend(let id):
                tasks[id]?.cancel()
            case .startTimer(let id, let after):
                timers[id] = ContinuousClock.now.advanced(by: .milliseconds(Int(after * 1000)))
            case .cancelTimer(let id):
                timers[id] = nil
            case .setTheme(let name):
                if let palette = services.palette(name) { backend.setPalette(palette) }
            case .quit:
                quitRequested = true
            case .suspend:
                backend.suspend()  // returns after `fg`; the backend queues a resize so the next frame repaints
            case .listDirectory(let directory):
                // Off the loop's thread: a slow disk or a huge folder must not stall keys.
                let list = services.listDirectory, mailbox = self.mailbox
                Task.detached { mailbox.post(.directoryListed(directory: directory, result: list(directory))) }
            case .importFile(let path):
                let read = services.importFile, mailbox = self.mailbox
                Task.detached { mailbox.post(.fileImported(path: path, result: read(path))) }
            case .startReplay(let id, let replay): replays.start(id: id, replay)
            case .pauseReplay(let id): replays.pause(id)
            case .resumeReplay(let id): replays.resume(id)
            case .cancelReplay(let id): replays.cancel(id)
            case .resolveProfile(let name):
                // Off the loop's thread: a `key_command` may take seconds.
                let resolve = services.resolveProfile, mailbox = self.mailbox
                Task.detached { mailbox.post(.profileResolved(name: name, resolve(name))) }
            case .copyToClipboard(let text):
                backend.setClipboard(text)
            case .writeFile(let path, let contents, let what):
                let mailbox = self.mailbox
                Task.detached { mailbox.post(.fileWritten(path: path, what: what, error: OutsideEffects.write(contents, to: path))) }
            case .exportHistory(let path, let format):
                let mailbox = self.mailbox, store = services.replay?.history, opened = services.historyOpened
                Task.detached {
                    // Until the file is open the store answers from the sends of this run only.
                    _ = await opened?()
                    let error = store.map { OutsideEffects.exportHistory($0, format: format, to: path) } ?? "there is no history in this run"
                    mailbox.post(.fileWritten(path: path, what: "the history (\(format.rawValue))", error: error))
                }
            case .editExternally(let text, let ext):
                // On the loop's thread, on purpose: the editor owns the terminal until it exits.
                var result: Result<String, UIError> = .failure(UIError("the editor did not run"))
                let edit = services.editText
                backend.runOutside { result = edit(text, ext) }
                mailbox.post(.externalEditFinished(result))
            case .rememberTheme(let name):
                let remember = services.rememberTheme
                Task.detached { remember(name) }
            }
        }
    }

    /// The wait until the next timer, or nil to block until input or a message.
    func timeout() -> Duration? {
        guard let next = timers.values.min() else { return nil }
        return max(.zero, next - ContinuousClock.now)
    }

    /// Timers that are due, each once.
    func takeDueTimers() -> [TimerID] {
        let now = ContinuousClock.now
        let due = timers.filter { $0.value <= now }.map(\.key)
        for id in due { timers[id] = nil }
        return due.sorted { $0.rawValue < $1.rawValue }
    }

    func finished(_ id: UUID) { tasks[id] = nil }

    func replayEnded(_ id: UUID) { replays.ended(id) }

    func cancelAll() {
        tasks.values.forEach { $0.cancel() }
        replays.cancelAll()
    }
}
