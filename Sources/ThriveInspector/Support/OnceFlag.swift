import Dispatch
import Synchronization

/// True the first time `claim()` is called, false after: for resuming a continuation from racing callbacks.
final class OnceFlag: Sendable {
    private let taken = Mutex(false)
    func claim() -> Bool { taken.withLock { t in defer { t = true }; return !t } }
}

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
