import CanaryCore
import Foundation

/// Reads a fix commit's facts from the source itself rather than from what a tracker says.
public protocol FixCommitInspector: Sendable {
    /// Where the facts come from, for reports (e.g. "clone /src/spec-kitty").
    var sourceDescription: String { get }
    /// The facts of `commit`.
    func facts(ofCommit commit: String) throws -> FixFacts
}
