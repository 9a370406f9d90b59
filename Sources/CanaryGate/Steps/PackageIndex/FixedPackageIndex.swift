import CanaryCore
import Foundation

/// The local index: a fixed list of versions, for offline runs and tests.
public struct FixedPackageIndex: PackageIndex {
    /// The versions it lists.
    public let listed: [String]

    /// Creates an index that lists `versions`.
    public init(_ versions: [String]) {
        listed = versions
    }

    /// "fixed list (N versions)".
    public var indexDescription: String { "fixed list (\(listed.count) versions)" }

    /// The fixed list, whatever the package.
    public func versions(of package: String) throws -> [String] { listed }
}
