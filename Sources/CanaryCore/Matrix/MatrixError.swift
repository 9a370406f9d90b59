/// Why a version matrix could not be planned or read.
public enum MatrixError: Error, Equatable, CustomStringConvertible {
    /// A version argument is not a spec-kitty-cli version.
    case invalidVersion(String)
    /// No version was given.
    case noVersions

    /// A one-line explanation.
    public var description: String {
        switch self {
        case let .invalidVersion(text): return "'\(text)' is not a spec-kitty-cli version (e.g. 3.2.7, 3.2.0rc13)"
        case .noVersions: return "at least one version is required"
        }
    }
}
