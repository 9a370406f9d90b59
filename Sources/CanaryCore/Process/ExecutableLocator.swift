import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Turns a command name into the absolute path `posix_spawn` needs.
///
/// `posix_spawn` does no PATH lookup and `posix_spawnp` would search the
/// *parent's* PATH; a child launched with its own environment must be found
/// on the PATH it will itself see.
public enum ExecutableLocator {
    /// The absolute path of `name`: itself when it contains a slash, else the
    /// first executable file called `name` on `searchPath` (colon-separated).
    public static func resolve(_ name: String, searchPath: String?) throws -> String {
        if name.contains("/") {
            guard isExecutableFile(name) else {
                throw ProcessError.executableNotFound(name: name, searchPath: searchPath)
            }
            return name
        }
        for directory in (searchPath ?? "").split(separator: ":") where !directory.isEmpty {
            let candidate = String(directory) + "/" + name
            if isExecutableFile(candidate) { return candidate }
        }
        throw ProcessError.executableNotFound(name: name, searchPath: searchPath)
    }

    /// Whether `path` names a regular file this process may execute.
    public static func isExecutableFile(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return false }
        return access(path, X_OK) == 0
    }
}
