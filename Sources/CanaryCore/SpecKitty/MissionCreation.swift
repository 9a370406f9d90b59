import Foundation

/// What `agent mission create --json` answered.
public struct MissionCreation: Equatable, Sendable {
    /// The command and its JSON.
    public let output: JSONCommandResult
    /// `mission_slug`, e.g. `canary-mission-01M89NJ2` (the CLI appends an id).
    public let slug: String
    /// `feature_dir`: `kitty-specs/<slug>` in the checkout.
    public let featureDirectory: URL
}
