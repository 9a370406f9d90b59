import CanaryCore
import CanaryScenarios
import Foundation

/// Keeps run files in memory, refusing a second write like the real sink does.
final class MemoryRunSink: RunSink, @unchecked Sendable {
    private let lock = Lock()
    private var storage: [String: Data] = [:]

    /// An empty sink.
    init() {}

    var location: String { "memory" }

    /// The files written so far.
    var files: [String: Data] {
        lock.withLock { storage }
    }

    func write(_ data: Data, named name: String) throws {
        try lock.withLock {
            guard storage[name] == nil else { throw EvidenceError.alreadyExists(path: name) }
            storage[name] = data
        }
    }
}
