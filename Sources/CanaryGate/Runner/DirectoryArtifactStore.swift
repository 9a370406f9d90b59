import CanaryCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A gate attempt directory on disk: `<work-dir>/attempt-N`, never reused.
public struct DirectoryArtifactStore: GateArtifactStore {
    /// The attempt directory.
    public let location: String

    /// Uses an existing directory.
    public init(directory: String) {
        location = directory
    }

    /// Creates `<workDirectory>/attempt-N` for the first N not yet used, through the core's one claim
    /// (`EvidenceStore.claim`): two gates started at once cannot share an attempt.
    public static func nextAttempt(in workDirectory: String) throws -> DirectoryArtifactStore {
        let claimed = try EvidenceStore(root: URL(fileURLWithPath: workDirectory)).claim { "attempt-\($0)" }
        return DirectoryArtifactStore(directory: claimed.path)
    }

    /// `<location>/<name>`.
    public func path(of name: String) -> String { "\(location)/\(name)" }

    /// True when `<location>/<name>` exists.
    public func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: path(of: name)) }

    /// Replaces atomically: an attempt rewrites its report and comment bodies.
    public func write(_ text: String, named name: String) throws -> String {
        let path = path(of: name)
        try AtomicFile.replace(Data(text.utf8), at: URL(fileURLWithPath: path))
        return path
    }

    /// Appends with O_APPEND, so journal lines are never interleaved mid-line.
    public func append(_ text: String, to name: String) throws -> String {
        let path = path(of: name)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw GateFileError(path: path, action: "open for appending", errno: errno) }
        defer { close(descriptor) }
        let data = Data(text.utf8)
        let written = data.withUnsafeBytes { buffer in buffer.baseAddress.map { Glibc.write(descriptor, $0, buffer.count) } ?? 0 }
        guard written == data.count else { throw GateFileError(path: path, action: "append to", errno: errno) }
        return path
    }
}
