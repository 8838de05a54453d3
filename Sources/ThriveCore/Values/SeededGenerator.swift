/// SplitMix64: a tiny, fast generator whose whole sequence follows from its seed, so `--seed` replays a fault
/// run in the sandbox and the UI's ids follow from the state.
public struct SeededGenerator: RandomNumberGenerator, Sendable, Hashable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// Seeded from the system generator when no seed is given.
    public init(seed: UInt64?) {
        var system = SystemRandomNumberGenerator()
        self.init(seed: seed ?? system.next())
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
