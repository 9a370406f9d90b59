import CanaryCore
import Foundation

/// Where the observer puts the run files; tests inject a sink that keeps them in memory.
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
