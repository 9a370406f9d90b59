import CanaryCore
import Foundation

/// Lists the published versions of a package, prereleases included.
public protocol PackageIndex: Sendable {
    /// What this index is, for reports (e.g. "pip index versions (PyPI)").
    var indexDescription: String { get }
    /// Every version of `package` the index lists, in any order.
    func versions(of package: String) throws -> [String]
}

/// Why the index could not be read.
public enum PackageIndexError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `pip index versions` failed.
    case pipFailed(command: String, status: Int32, lastLine: String)
    /// Its output had no "Available versions:" line.
    case unparseable(reason: String, output: String)

    /// A one-line explanation.
    public var description: String {
        switch self {
        case let .pipFailed(command, status, lastLine): "`\(command)` exited \(status): \(lastLine)"
        case let .unparseable(reason, output): "cannot read pip's answer (\(reason)): \(output.prefix(300))"
        }
    }
}
