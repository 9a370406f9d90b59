/// Why a version matrix could not be planned or read.
public enum MatrixError: Error, Equatable, CustomStringConvertible {
    /// A version argument is not a spec-kitty-cli version.
    case invalidVersion(String)
    /// No version was given.
    case noVersions
    /// A column directory to merge is not named after a version (`<out>/<version>/`).
    case columnDirectoryNotAVersion(String)
    /// Two column directories to merge hold the same version.
    case duplicateColumn(version: String, first: String, second: String)

    /// A one-line explanation.
    public var description: String {
        switch self {
        case let .invalidVersion(text): return "'\(text)' is not a spec-kitty-cli version (e.g. 3.2.7, 3.2.0rc13)"
        case .noVersions: return "at least one version is required"
        case let .columnDirectoryNotAVersion(path):
            return "\(path) is not a column directory: its name must be the version it holds (e.g. columns/3.2.7)"
        case let .duplicateColumn(version, first, second): return "\(first) and \(second) both hold version \(version)"
        }
    }
}
