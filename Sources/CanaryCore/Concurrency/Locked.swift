import Synchronization

/// A value shared between threads, read and changed only under its lock: Swift 6's `Mutex` in a class, so it can be shared.
public final class Locked<Value>: @unchecked Sendable {
    private let mutex: Mutex<Value>

    /// Wraps `value`.
    public init(_ value: Value) {
        mutex = Mutex(value)
    }

    /// Runs `body` with exclusive access to the value.
    public func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        try mutex.withLock { value in try body(&value) }
    }

    /// A copy of the value.
    public var current: Value { mutex.withLock { $0 } }
}
