import Foundation

/// A value shared between the threads that call one store (the UI, a send task, an export), behind a lock.
// @unchecked Sendable: `value` is only read or written inside `withLock`, which holds `lock` for the whole access,
// and `Value` is itself Sendable, so nothing escapes the lock that could be raced on.
final class LockedState<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
