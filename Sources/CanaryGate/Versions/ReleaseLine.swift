import CanaryCore
import Foundation

/// A release line such as `3.2`: every version whose release numbers start with these.
public struct ReleaseLine: Hashable, Sendable, TextCodable {
    /// The leading release numbers, e.g. `[3, 2]`.
    public let prefix: [Int]

    /// Parses `3.2` or `3.2.0`; pre/post/dev/local parts are not allowed.
    public init(_ text: String) throws {
        let version = try SpecKittyVersion(text)
        guard version.pre == nil, version.post == nil, version.dev == nil, version.local.isEmpty, version.epoch == 0
        else {
            throw PEP440Error(text: text, reason: "a release line is release numbers only, e.g. 3.2")
        }
        prefix = version.release
    }

    /// True when `version` is in the line: `3.2` holds `3.2`, `3.2.6rc2` and `3.2.0rc15`, not `3.20` or `4.0`.
    public func contains(_ version: SpecKittyVersion) -> Bool {
        guard version.epoch == 0 else { return false }
        return prefix.indices.allSatisfy { index in
            (index < version.release.count ? version.release[index] : 0) == prefix[index]
        }
    }

    /// The line as typed, e.g. `3.2`.
    public var description: String { prefix.map(String.init).joined(separator: ".") }
}
