import CanaryCore
import Foundation

/// Keeps every result in memory; for tests.
public final class MemoryCommandLog: CommandLogSink, @unchecked Sendable {
    private let lock = Lock()
    private var stored: [(sequence: Int, label: String, result: CommandResult)] = []

    /// An empty log.
    public init() {}

    /// Appends `result`.
    public func record(_ result: CommandResult, sequence: Int, label: String) {
        lock.withLock {
            stored.append((sequence, label, result))
        }
    }

    /// Everything recorded so far, in arrival order.
    public var entries: [(sequence: Int, label: String, result: CommandResult)] {
        lock.withLock { stored }
    }
}
