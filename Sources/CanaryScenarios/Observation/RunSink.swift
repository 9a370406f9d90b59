import CanaryCore
import Foundation

/// Where the observer puts the run files; tests inject a memory sink.
public protocol RunSink: Sendable {
    /// A human-readable location, printed after writing.
    var location: String { get }
    /// Writes one run file, once.
    func write(_ data: Data, named name: String) throws
}

/// Writes run files into a directory, atomically and read-only.
public struct DirectoryRunSink: RunSink {
    /// The `runs/` directory.
    public let directory: URL

    /// A sink writing into `directory`.
    public init(directory: URL) {
        self.directory = directory
    }

    public var location: String { directory.path }

    public func write(_ data: Data, named name: String) throws {
        try AtomicFile.writeOnce(data, to: directory.appendingPathComponent(name))
    }
}

/// Keeps run files in memory, refusing a second write like the real sink does.
public final class MemoryRunSink: RunSink, @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String: Data] = [:]

    /// An empty sink.
    public init() {}

    public var location: String { "memory" }

    /// The files written so far.
    public var files: [String: Data] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }

    public func write(_ data: Data, named name: String) throws {
        lock.lock()
        defer { lock.unlock() }
        guard storage[name] == nil else { throw EvidenceError.alreadyExists(path: name) }
        storage[name] = data
    }
}
