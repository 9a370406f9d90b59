import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes evidence files exactly once: atomically, durably, then read-only.
public enum ImmutableFile {
    /// Writes `data` at `url` unless something is there already.
    ///
    /// The bytes go to a temporary file in the same directory, are fsynced,
    /// and are then hard-linked into place: `link` fails when the name exists,
    /// so two writers racing for the same file cannot both win, and a reader
    /// never sees a half-written file.
    public static func write(_ data: Data, to url: URL) throws {
        let path = url.path
        let directory = url.deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        if FileManager.default.fileExists(atPath: path) { throw EvidenceError.alreadyExists(path: path) }

        var template = Array("\(directory)/.\(url.lastPathComponent).XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw EvidenceError.io(operation: "mkstemp", path: directory, errno: errno) }
        let temporary = String(cString: template)
        defer { unlink(temporary) }
        do {
            defer { close(descriptor) }
            try data.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        throw EvidenceError.io(operation: "write", path: temporary, errno: errno)
                    }
                    offset += written
                }
            }
            guard fchmod(descriptor, 0o444) == 0 else { throw EvidenceError.io(operation: "chmod", path: temporary, errno: errno) }
            guard fsync(descriptor) == 0 else { throw EvidenceError.io(operation: "fsync", path: temporary, errno: errno) }
        }
        guard link(temporary, path) == 0 else {
            if errno == EEXIST { throw EvidenceError.alreadyExists(path: path) }
            throw EvidenceError.io(operation: "link", path: path, errno: errno)
        }
        syncDirectory(directory)
    }

    /// Makes the directory entry durable too; best effort, some filesystems refuse.
    private static func syncDirectory(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }
}
