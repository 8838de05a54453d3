import Foundation
import Synchronization
import ThriveCore

/// The sandbox's mutable state, shared by concurrent requests and the owning app: accepted events,
/// forced faults and the seeded generators. One lock keeps fault draws in request order for a given seed.
final class SandboxStore: Sendable {
    private struct State {
        var log = EventLog()
        var forced: [Fault] = []
        var faultRandom: SeededGenerator
        var idRandom: SeededGenerator
    }

    private let state: Mutex<State>
    private let configuration: SandboxConfiguration

    init(configuration: SandboxConfiguration) {
        self.configuration = configuration
        state = Mutex(SandboxStore.freshState(configuration))
    }

    private static func freshState(_ configuration: SandboxConfiguration) -> State {
        // Two streams so that the fault sequence for a seed does not depend on how many requests succeeded.
        let base = SeededGenerator(seed: configuration.seed)
        var splitter = base
        let faultSeed = splitter.next(), idSeed = splitter.next()
        return State(faultRandom: SeededGenerator(seed: faultSeed), idRandom: SeededGenerator(seed: idSeed))
    }

    /// The fault for the next API request: a forced one first (FIFO), else at most one random rule.
    func nextFault() -> Fault? {
        state.withLock { s in
            if !s.forced.isEmpty { return s.forced.removeFirst() }
            guard !configuration.faults.isEmpty else { return nil }
            // One draw against cumulative probabilities, so two rules of 0.5 cover every request.
            let draw = Double.random(in: 0..<1, using: &s.faultRandom)
            var cumulative = 0.0
            for rule in configuration.faults {
                cumulative += rule.probability
                if draw < cumulative { return rule.fault }
            }
            return nil
        }
    }

    func latency() -> Duration? {
        guard let latency = configuration.latency else { return nil }
        return state.withLock { latency.draw(using: &$0.faultRandom) }
    }

    func enqueue(_ faults: [Fault]) { state.withLock { $0.forced.append(contentsOf: faults) } }

    var pendingFaults: [Fault] { state.withLock { $0.forced } }

    func makeEventId() -> String {
        let value = state.withLock { $0.idRandom.next() }
        let hex = String(value, radix: 16)
        return "evt_" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    func record(_ new: [ReceivedEvent]) {
        // Measured before taking the lock: sizing a 2 MB event walks all of it.
        let costed = new.map { (event: $0, bytes: EventLog.cost(of: $0)) }
        state.withLock { s in
            s.log.append(costed, maxCount: configuration.eventCapacity, maxBytes: configuration.eventByteCapacity)
        }
    }

    var events: [ReceivedEvent] { state.withLock { $0.log.entries.map(\.event) } }

    /// A page of stored events for `GET /sandbox/events`. The slice shares the log's storage, so taking it
    /// copies nothing; the listing serialises it one event at a time.
    func page(after: Int?, limit: Int?) -> ArraySlice<EventLog.Entry> {
        state.withLock { $0.log.page(after: after, limit: limit) }
    }

    func clearEvents() { state.withLock { $0.log.removeAll() } }

    /// Forgets events and forced faults and restarts the generators from the seed; sequence numbers go on.
    func reset() {
        state.withLock { s in
            var log = s.log
            log.removeAll()
            s = SandboxStore.freshState(configuration)
            s.log = log
        }
    }
}
