import CanaryCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes files so a reader sees the old content or the new, never half of either.
public enum GateAtomicFile {
    /// Writes `data` to a temporary file beside `path`, syncs it, and renames it over `path`.
    public static func write(_ data: Data, to path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temporary = (directory.isEmpty ? "." : directory) + "/.\(name).tmp-\(getpid())-\(UUID().uuidString)"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw GateFileError(path: path, action: "create \(temporary)", errno: errno) }
        let complete: Bool = data.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return true }
            var written = 0
            while written < buffer.count {
                let result = Glibc.write(descriptor, base + written, buffer.count - written)
                if result < 0, errno == EINTR { continue }
                guard result > 0 else { return false }
                written += result
            }
            return true
        }
        // fsync before rename: otherwise a crash can leave the new name pointing at empty blocks.
        let synced = complete && fsync(descriptor) == 0
        let code = errno
        close(descriptor)
        guard synced else {
            unlink(temporary)
            throw GateFileError(path: path, action: "write", errno: code)
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw GateFileError(path: path, action: "rename into place", errno: code)
        }
    }
}
