import Foundation
import ThriveCore
import ThriveReplay
import ThriveUI

/// Runs the batch view's replays: one `ReplayEngine` per `.startReplay`, on its own task, its updates turned into
/// messages. Used only from the loop's thread, like the `EffectRunner` that owns it; the engines are actors, so
/// pause, resume and cancel are sent to them on small tasks and never block a key.
final class ReplayEffects {
    private let services: ReplayServices?
    private let mailbox: Mailbox
    private var engines: [UUID: ReplayEngine] = [:]
    private var tasks: [UUID: Task<Void, Never>] = [:]

    init(services: ReplayServices?, mailbox: Mailbox) {
        self.services = services
        self.mailbox = mailbox
    }

    var running: Int { tasks.count }

    func start(id: UUID, _ replay: BatchReplay) {
        let mailbox = self.mailbox
        guard let services, let builder = replay.destination.builder else {
            let why = services == nil ? "replays are not available in this run" : "the sandbox has not started"
            mailbox.post(.replayFinished(id: id, ReplayCounts(total: replay.events.count, left: replay.events.count),
                                         cancelled: false, failure: why))
            return
        }
        // Resume: after a quit or a crash, the same events to the same target continue their journal job, so only
        // what is left is sent. Accepted events are skipped by fingerprint either way.
        let options = ReplayOptions(rate: replay.rate, concurrency: replay.concurrency, allowDuplicates: replay.allowDuplicates,
                                    resume: true)
        let engine = ReplayEngine(builder: builder, sender: services.sender, history: services.history,
                                  journal: services.journal, options: options, target: replay.target,
                                  profile: replay.profile)
        engines[id] = engine
        let set = ImportedSet(events: replay.events)
        let invalid = replay.invalid
        tasks[id] = Task.detached { [engine, set, invalid, mailbox] in
            await ReplayEffects.run(engine, set, invalid: invalid, id: id, mailbox: mailbox)
        }
    }

    /// One replay to its end; its last message is always `.replayFinished`.
    private static func run(_ engine: ReplayEngine, _ set: ImportedSet, invalid: [Int: String], id: UUID, mailbox: Mailbox) async {
        let finished: Msg
        do {
            let result = try await engine.run(set, invalid: invalid) { update in
                if let msg = message(id: id, update) { mailbox.post(msg) }
            }
            finished = .replayFinished(id: id, counts(result.progress), cancelled: result.cancelled, failure: nil)
        } catch {
            let progress = await engine.currentProgress
            finished = .replayFinished(id: id, counts(progress), cancelled: progress.cancelled,
                                       failure: "the history could not be written (\(error))")
        }
        mailbox.post(finished)
    }

    func pause(_ id: UUID) { if let e = engines[id] { Task { await e.pause() } } }
    func resume(_ id: UUID) { if let e = engines[id] { Task { await e.resume() } } }
    func cancel(_ id: UUID) { if let e = engines[id] { Task { await e.cancel() } } }

    /// The replay's last message was handled: forget it.
    func ended(_ id: UUID) {
        engines[id] = nil
        tasks[id] = nil
    }

    /// On quit: cancelling the task cancels requests in flight; the journal keeps the job resumable.
    func cancelAll() { tasks.values.forEach { $0.cancel() } }

    static func message(id: UUID, _ update: ReplayUpdate) -> Msg? {
        switch update {
        case .progress(let p): return .replayProgress(id: id, counts(p))
        case .events(let results):
            var states: [Int: EventSendState] = [:]
            states.reserveCapacity(results.count)
            for r in results { states[r.number] = sendState(r) }
            return .replayEvents(id: id, states)
        case .retrying(_, _, let reason, let delay): return .replayRetrying(id: id, reason: reason, delay: delay)
        }
    }

    static func counts(_ p: ReplayProgress) -> ReplayCounts { p }

    /// The engine's status in the batch view's words.
    static func sendState(_ r: ReplayEventResult) -> EventSendState {
        switch r.status {
        case .accepted: return .accepted
        case .rejected: return .rejected(reason: r.reason.isEmpty ? r.httpStatus.map { "\($0)" } ?? "rejected" : r.reason)
        case .skippedDuplicate: return .skipped(acceptedOn: r.acceptedAt ?? Date())
        case .invalid: return .invalid(reason: r.reason)
        case .unknown: return .unknown(reason: r.reason)
        case .notSent: return .notSent
        }
    }
}
