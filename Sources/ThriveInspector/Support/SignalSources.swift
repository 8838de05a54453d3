import Dispatch
import Synchronization

/// Keeps signal sources alive for the life of the process (a released source stops delivering).
enum SignalSources {
    private static let sources = Mutex<[KeptSource]>([])
    static func keep(_ s: any DispatchSourceSignal) { sources.withLock { $0.append(KeptSource(source: s)) } }
}

/// Holds a dispatch source only to keep it alive.
///
/// `@unchecked Sendable` is safe here: dispatch sources are thread-safe objects, and after `keep` nothing
/// reads or calls this reference again; it exists only so the source is not released.
private struct KeptSource: @unchecked Sendable {
    let source: any DispatchSourceSignal
}
