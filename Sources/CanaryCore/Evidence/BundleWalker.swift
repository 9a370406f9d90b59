import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Lists everything below a bundle without following links: the I/O half of the manifest's checks.
public enum BundleWalker {
    /// Every entry below `directory`, sorted by path; a symbolic link is reported, never followed.
    public static func entries(below directory: URL) throws -> [BundleEntry] {
        var found: [BundleEntry] = []
        try walk(directory.standardizedFileURL.path, relative: "", into: &found)
        return found.sorted { $0.path < $1.path }
    }

    private static func walk(_ absolute: String, relative: String, into found: inout [BundleEntry]) throws {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: absolute)
        } catch {
            throw EvidenceError.manifestUnreadable(path: absolute, reason: "directory cannot be listed: \(error)")
        }
        if names.isEmpty, !relative.isEmpty {
            found.append(BundleEntry(path: relative, kind: .emptyDirectory))
        }
        for name in names {
            let path = absolute + "/" + name
            let inside = relative.isEmpty ? name : relative + "/" + name
            var status = stat()
            guard lstat(path, &status) == 0 else { throw EvidenceError.io(operation: "lstat", path: path, errno: errno) }
            switch status.st_mode & S_IFMT {
            case S_IFDIR:
                try walk(path, relative: inside, into: &found)
            case S_IFREG:
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw EvidenceError.io(operation: "read", path: path, errno: errno)
                }
                found.append(BundleEntry(path: inside, kind: .file(data)))
            case S_IFLNK:
                let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
                found.append(BundleEntry(path: inside, kind: .symbolicLink(target: target)))
            case S_IFIFO:
                found.append(BundleEntry(path: inside, kind: .special("FIFO")))
            case S_IFSOCK:
                found.append(BundleEntry(path: inside, kind: .special("socket")))
            default:
                found.append(BundleEntry(path: inside, kind: .special("device")))
            }
        }
    }
}
