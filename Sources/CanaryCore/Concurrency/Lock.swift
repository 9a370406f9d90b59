import Synchronization

/// A mutual exclusion with a scoped `withLock`, so no path can forget to unlock: Swift 6's `Mutex` in a class.
///
/// The one lock of the package, with `Locked` (a value behind such a lock):
/// `Mutex` is non-copyable, and a class lets a lock be a stored property of
/// the structs and classes that share it.
public final class Lock: Sendable {
    private let mutex = Mutex(())

    /// An unlocked lock.
    public init() {}

    /// Runs `body` holding the lock.
    public func withLock<T>(_ body: () throws -> T) rethrows -> T {
        try mutex.withLock { _ in try body() }
    }
}
