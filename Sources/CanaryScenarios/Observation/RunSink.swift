import CanaryCore
import Foundation

/// Where the observer puts the run files; tests inject a sink that keeps them in memory.
public protocol RunSink: Sendable {
    /// A human-readable location, printed after writing.
    var location: String { get }
    /// Writes one run file, once.
    func write(_ data: Data, named name: String) throws
}

/// Writes run files into a bundle's `runs/`, once, atomically and read-only (`EvidenceBundle.write`).
public struct DirectoryRunSink: RunSink {
    /// The bundle the run files belong to.
    public let bundle: EvidenceBundle

    /// A sink writing into `bundle`'s `runs/`.
    public init(bundle: EvidenceBundle) {
        self.bundle = bundle
    }

    public var location: String { bundle.directory.appendingPathComponent("runs").path }

    public func write(_ data: Data, named name: String) throws {
        try bundle.write(data, to: "runs/" + name)
    }
}
