import Foundation
import ThriveCore

// Replaying the imported batch: `s` (or Ctrl-S) in the batch view sends every event through the replay engine,
// which the runtime runs; its answers fill the send-state column and the progress bar. The rest of the UI keeps
// working meanwhile, so nothing here blocks a key.

/// `s` in the batch view: checks the draft can be replayed, asks first for LIVE, then starts.
func requestReplay(_ state: inout AppState, confirmed: Bool, view: BatchView?) -> [Effect] {
    if state.replay != nil {
        state.status = StatusMessage("a replay is already running (p pauses, Esc in the batch view cancels)", .warning)
        return []
    }
    let c = state.composer
    if c.mode == .raw, let e = c.rawError {
        state.status = StatusMessage("not sent: the raw JSON does not parse (line \(e.line), column \(e.column): \(e.message))", .error)
        return []
    }
    if c.edit != nil {
        state.status = StatusMessage("finish the field you are editing first (Enter keeps it, Esc drops it)", .warning)
        return []
    }
    guard c.eventCount > 0 else {
        state.status = StatusMessage("the draft has no events to send", .warning)
        return []
    }
    guard state.destination.builder != nil else {
        state.status = StatusMessage("the sandbox is still starting; try again in a moment", .warning)
        return []
    }
    if state.destination.isLive, state.confirmLive, !confirmed {
        state.overlay = .question(.sendLive(events: c.eventCount), over: view)
        return []
    }
    let replay = batchReplay(state)
    let run = ReplayRun(id: state.ids.next(), total: replay.events.count, target: replay.target)
    if state.importedBatch == nil { state.importedBatch = ImportedBatch(name: "the draft", problems: []) }
    // Every event shows as queued at once; the engine's results replace these as requests end.
    for e in replay.events { state.importedBatch?.sendStates[e.number] = .queued }
    state.replay = run
    state.status = StatusMessage("replaying \(ReplayText.grouped(run.counts.total)) events to \(run.target)… p pauses, Esc in the batch view cancels")
    return [.startReplay(id: run.id, replay)]
}

/// The draft as the engine takes it: the events with the person's fixes, each under its import number and line,
/// and the events the form finds errors in, which are reported invalid instead of being sent.
func batchReplay(_ state: AppState) -> BatchReplay {
    let c = state.composer
    let name = state.importedBatch?.name ?? "the draft"
    var events: [ImportedEvent] = []
    var invalid: [Int: String] = [:]
    events.reserveCapacity(c.eventCount)
    for (k, event) in c.events.enumerated() {
        let source = c.sources.flatMap { $0.indices.contains(k) ? $0[k] : nil }
        let number = source?.number ?? k + 1
        events.append(ImportedEvent(number: number, event: event, endpoint: c.endpoint,
                                    position: source?.position ?? SourcePosition(file: name)))
        if c.eventFindings.indices.contains(k), let e = c.eventFindings[k].first(where: { $0.severity == .error }) {
            let inner = JSONPointer(Array(e.path.tokens.dropFirst())).dotted
            invalid[number] = inner.isEmpty ? e.message : "\(inner): \(e.message)"
        }
    }
    return BatchReplay(events: events, invalid: invalid, destination: state.destination, target: state.badge,
                       profile: state.profileName)
}

/// `p`, in the batch view or any pane: pauses a running replay, or resumes a paused one.
func togglePause(_ state: inout AppState) -> [Effect] {
    guard var run = state.replay, !run.cancelling else {
        state.status = StatusMessage("no replay is running: s in the batch view (b) starts one", .info)
        return []
    }
    run.paused.toggle()
    state.replay = run
    state.status = run.paused
        ? StatusMessage("replay paused: requests in flight finish; p resumes", .warning)
        : StatusMessage("replay resumed")
    return [run.paused ? .pauseReplay(id: run.id) : .resumeReplay(id: run.id)]
}

/// Esc in the batch view: while a replay runs it asks whether to cancel it; otherwise it closes the view.
func batchEscape(_ state: inout AppState, _ view: BatchView) -> [Effect] {
    guard let run = state.replay, !run.cancelling else {
        state.overlay = nil
        return []
    }
    state.overlay = .question(.cancelReplay, over: view)
    return []
}

/// `q` / Ctrl-C: with a replay running, ask first; asked already (a second Ctrl-C), quit.
func requestQuit(_ state: inout AppState) -> [Effect] {
    guard state.replay != nil else { return [.quit] }
    if case .question(.quit, _)? = state.overlay { return [.quit] }
    var over: BatchView?
    if case .batch(let v)? = state.overlay { over = v }
    state.overlay = .question(.quit, over: over)
    return []
}

/// The answer to a replay question. The batch view it was asked over comes back either way.
func answerReplayQuestion(_ state: inout AppState, _ q: ReplayQuestion, over: BatchView?, yes: Bool) -> [Effect] {
    state.overlay = over.map(Overlay.batch)
    switch q {
    case .sendLive:
        guard yes else { state.status = StatusMessage("not sent", .info); return [] }
        return requestReplay(&state, confirmed: true, view: over)
    case .sendDraftLive:
        guard yes else { state.status = StatusMessage("not sent", .info); return [] }
        return requestSend(&state, confirmed: true, live: true)
    case .cancelReplay:
        guard yes, var run = state.replay else { state.status = StatusMessage("the replay goes on"); return [] }
        run.cancelling = true
        state.replay = run
        state.status = StatusMessage("cancelling: requests in flight finish; s later sends only what is left", .warning)
        return [.cancelReplay(id: run.id)]
    case .quit:
        guard yes else { state.status = StatusMessage("the replay goes on"); return [] }
        return [.quit]
    }
}

/// Messages from a running replay. Answers for another replay (one that ended) are dropped.
func replayMessage(_ state: inout AppState, _ msg: Msg) -> [Effect] {
    switch msg {
    case .replayProgress(let id, let counts):
        guard state.replay?.id == id else { return [] }
        state.replay?.counts = counts
        // The engine's word wins once it arrives: a pause it confirmed, or one it never saw.
        if !counts.cancelled { state.replay?.paused = counts.paused }
    case .replayEvents(let id, let states):
        guard state.replay?.id == id else { return [] }
        state.importedBatch?.sendStates.merge(states) { _, new in new }
    case .replayRetrying(let id, let reason, let delay):
        guard state.replay?.id == id else { return [] }
        state.status = StatusMessage("replay: \(reason); retrying in \(String(format: "%.1f", delay)) s", .warning)
    case .replayFinished(let id, let counts, let cancelled, let failure):
        guard state.replay?.id == id else { return [] }
        state.replay = nil
        if case .question(.quit, let over)? = state.overlay { state.overlay = over.map(Overlay.batch) }
        if case .question(.cancelReplay, let over)? = state.overlay { state.overlay = over.map(Overlay.batch) }
        if let failure {
            state.status = StatusMessage("replay stopped: \(failure); s sends only what is left", .error)
        } else {
            let kind: StatusMessage.Kind = cancelled || counts.unknown > 0 ? .warning : (counts.rejected + counts.invalid > 0 ? .error : .success)
            state.status = StatusMessage(ReplayText.summary(counts, cancelled: cancelled), kind)
        }
        // The engine wrote a history row per request: show them.
        state.history.reload()
    default: break
    }
    return []
}
