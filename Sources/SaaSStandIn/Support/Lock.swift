import Foundation

/// A mutex with a scoped `withLock`, so no path can forget to unlock.
final class Lock: @unchecked Sendable {
    private let mutex = NSLock()

    /// Runs `body` holding the lock.
    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        mutex.lock()
        defer { mutex.unlock() }
        return try body()
    }
}
