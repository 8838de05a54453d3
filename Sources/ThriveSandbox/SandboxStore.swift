import Foundation
import Synchronization
import ThriveCore

/// The sandbox's mutable state, shared by concurrent requests and the owning app: accepted events,
/// forced faults and the seeded generators. One lock keeps fault draws in request order for a given seed.
final class SandboxStore: Sendable {
    private struct State {
        var events: [ReceivedEvent] = []
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
        let capacity = max(0, configuration.eventCapacity)
        state.withLock { s in
            s.events.append(contentsOf: new)
            if s.events.count > capacity { s.events.removeFirst(s.events.count - capacity) }
        }
    }

    var events: [ReceivedEvent] { state.withLock { $0.events } }

    func clearEvents() { state.withLock { $0.events.removeAll() } }

    /// Forgets events and forced faults and restarts the generators from the seed.
    func reset() { state.withLock { $0 = SandboxStore.freshState(configuration) } }
}
