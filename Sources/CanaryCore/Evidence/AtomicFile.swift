import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes whole files atomically: evidence once and read-only, state files by an explicit replace.
///
/// Both operations fill and fsync a temporary file in the target's directory
/// first, so a reader sees the old content or the new, never half of either,
/// and a crash cannot leave the name pointing at empty blocks.
public enum AtomicFile {
    /// Writes `data` at `url` read-only, refusing when something is there already (evidence).
    ///
    /// The temporary file is hard-linked into place: `link` fails when the name
    /// exists, so two writers racing for the same file cannot both win.
    public static func writeOnce(_ data: Data, to url: URL) throws {
        let path = url.path
        let directory = url.deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        if FileManager.default.fileExists(atPath: path) { throw EvidenceError.alreadyExists(path: path) }
        let temporary = try filledTemporary(data, beside: url, mode: 0o444)
        defer { unlink(temporary) }
        guard link(temporary, path) == 0 else {
            if errno == EEXIST { throw EvidenceError.alreadyExists(path: path) }
            throw EvidenceError.io(operation: "link", path: path, errno: errno)
        }
        syncDirectory(directory)
    }

    /// Replaces whatever is at `url` with `data` (a journal, a tracker file, a report that is rewritten).
    ///
    /// Named apart from `writeOnce` so that overwriting is always a visible choice;
    /// the directory must exist, as a missing one means a wrong path, not a first write.
    public static func replace(_ data: Data, at url: URL) throws {
        let temporary = try filledTemporary(data, beside: url, mode: 0o644)
        guard rename(temporary, url.path) == 0 else {
            let code = errno
            unlink(temporary)
            throw EvidenceError.io(operation: "rename", path: url.path, errno: code)
        }
        syncDirectory(url.deletingLastPathComponent().path)
    }

    /// A new file beside `url` holding `data`, with `mode`, synced to disk; returns its path.
    private static func filledTemporary(_ data: Data, beside url: URL, mode: mode_t) throws -> String {
        let directory = url.deletingLastPathComponent().path
        var template = Array("\(directory)/.\(url.lastPathComponent).XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw EvidenceError.io(operation: "mkstemp", path: directory, errno: errno) }
        // The gate writes while it runs children; they must not inherit the descriptor.
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        let temporary = String(cString: template)
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
            guard fchmod(descriptor, mode) == 0 else { throw EvidenceError.io(operation: "chmod", path: temporary, errno: errno) }
            guard fsync(descriptor) == 0 else { throw EvidenceError.io(operation: "fsync", path: temporary, errno: errno) }
        } catch {
            unlink(temporary)
            throw error
        }
        return temporary
    }

    /// Makes the directory entry durable too; best effort, some filesystems refuse.
    private static func syncDirectory(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }
}
