import Foundation

/// The mission a scenario created and seeded, ready for `move-task`.
public struct MissionContext: Equatable, Sendable {
    /// The mission slug the CLI chose.
    public var slug: String
    /// Its folder in the checkout.
    public var featureDirectory: URL
    /// The work package the scenarios move.
    public var workPackage = "WP01"
}
