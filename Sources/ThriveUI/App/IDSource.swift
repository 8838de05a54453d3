import Foundation
import Synchronization
import ThriveCore

/// Where the update function gets new ids from: a deterministic sequence kept in the state, so `update`
/// never calls `UUID()` and the same state and message always give the same result.
public struct IDSource: Sendable, Hashable {
    enum Style: Sendable, Hashable {
        /// Random-looking version-4 UUIDs from a seed (the running program seeds it once at start).
        case seeded(UInt64)
        /// `00000000-0000-4000-8000-000000000001`, … (tests and golden screens).
        case sequential
    }

    let style: Style
    public private(set) var counter: UInt64 = 0

    public static func seeded(_ seed: UInt64) -> IDSource { IDSource(style: .seeded(seed)) }
    public static let sequential = IDSource(style: .sequential)

    public mutating func next() -> UUID {
        counter += 1
        switch style {
        case .sequential:
            return UUID(uuidString: String(format: "00000000-0000-4000-8000-%012llu", counter % 1_000_000_000_000))!
        case .seeded(let seed):
            var a = SeededGenerator(seed: seed &+ counter &* 0x9E37_79B9_7F4A_7C15)
            var hi = a.next(), lo = a.next()
            // Version 4 and the RFC 4122 variant, as UUID() makes them.
            hi = (hi & ~0xF000) | 0x4000
            lo = (lo & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
            let bytes = withUnsafeBytes(of: hi.bigEndian) { Array($0) } + withUnsafeBytes(of: lo.bigEndian) { Array($0) }
            return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                               bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
        }
    }

    /// Lower-case text, as ThriveStack examples write ids.
    public mutating func nextString() -> String { next().uuidString.lowercased() }
}

/// Lends an `IDSource` to code that wants an id closure (`DraftFactory`) and gives it back advanced.
final class IDLender: Sendable {
    private let source: Mutex<IDSource>
    init(_ source: IDSource) { self.source = Mutex(source) }
    func next() -> String { source.withLock { $0.nextString() } }
    var returned: IDSource { source.withLock { $0 } }
}
