import CanaryCore
import Foundation

/// Read-only file access for the gate's checks; tests hand in a dictionary instead of a disk.
public protocol GateFileReading: Sendable {
    /// The bytes of the file at `path`.
    func contents(of path: String) throws -> Data
    /// The names (not paths) of the entries in `directory`; empty when it does not exist.
    func entries(of directory: String) -> [String]
    /// True when `path` exists.
    func exists(_ path: String) -> Bool
    /// Everything below `directory`, links and special files included, for the manifest's verifier.
    func bundleEntries(below directory: String) throws -> [BundleEntry]
}

/// The real file system.
public struct LocalFileReader: GateFileReading {
    /// Creates a reader.
    public init() {}

    /// Reads the whole file.
    public func contents(of path: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path))
    }

    /// Lists the directory, sorted.
    public func entries(of directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }

    /// Checks existence.
    public func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    /// Walks the directory without following links.
    public func bundleEntries(below directory: String) throws -> [BundleEntry] {
        try BundleWalker.entries(below: URL(fileURLWithPath: directory))
    }
}
