import Foundation
import ThriveCore

/// Ctrl-S: checks the draft can be sent, asks for confirmation when the API would reject it, then sends.
/// A LIVE target asks once more before anything leaves, unless the person answered `a` earlier in the run.
func requestSend(_ state: inout AppState, confirmed: Bool, live: Bool = false) -> [Effect] {
    if state.composerSend != nil {
        state.status = StatusMessage("a request is already in flight (Esc cancels it)", .warning)
        return []
    }
    if let e = state.composer.rawError, state.composer.mode == .raw {
        state.status = StatusMessage("not sent: the raw JSON does not parse (line \(e.line), column \(e.column): \(e.message))", .error)
        return []
    }
    if state.composer.edit != nil {
        state.status = StatusMessage("finish the field you are editing first (Enter keeps it, Esc drops it)", .warning)
        return []
    }
    guard let builder = state.destination.builder else {
        state.status = StatusMessage("the sandbox is still starting; try again in a moment", .warning)
        return []
    }
    if state.composer.errorCount > 0, !confirmed {
        let errors = state.composer.findings.filter { $0.severity == .error }
        // Named as the form and the batch view name events: "event 13 (line 13), user_id: …", never `12.user_id`.
        state.overlay = .confirmSend(errors: errors.map(state.composer.describe))
        return []
    }
    if state.destination.isLive, state.confirmLive, !live {
        state.overlay = .question(.sendDraftLive(events: state.composer.eventCount), over: nil)
        return []
    }
    let request = builder.build(endpoint: state.composer.endpoint, body: state.composer.body)
    let entry = HistoryEntry(id: state.ids.next(), sentAt: state.now, request: request, target: state.badge,
                             profile: state.profileName)
    let problem = state.history.record(entry)
    state.inFlight[entry.id] = InFlightSend(id: entry.id, startedAt: state.now, attempts: 1, entry: entry)
    state.status = problem.map { StatusMessage("sending to \(state.badge)… but \($0)", .warning) }
        ?? StatusMessage("sending to \(state.badge)… (Esc cancels)", .info)
    return [.send(id: entry.id, request: request), .startTimer(.spinner, after: 0.1)]
}

func finishSend(_ state: inout AppState, id: UUID, report: SendReport) -> [Effect] {
    guard let entry = state.inFlight.removeValue(forKey: id)?.entry.completed(by: report) else { return [] }
    if let final = report.final {
        switch final.outcome {
        case .success(let r):
            state.status = StatusMessage(report.summary, r.isSuccess ? .success : .error)
        case .failure(let e):
            state.status = StatusMessage(e == .cancelled ? "request cancelled" : "no response: \(report.summary)", e == .cancelled ? .warning : .error)
        }
    }
    if let problem = state.history.update(entry) { state.status = StatusMessage(problem, .error) }
    return state.inFlight.isEmpty ? [.cancelTimer(.spinner)] : []
}
