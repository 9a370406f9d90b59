import CanaryCore
import Foundation

/// A step that could not produce its facts at all (a tool missing, a tracker unreachable).
public struct GateStepFailure: Codable, Equatable, Sendable {
    /// The step.
    public let step: GateStep
    /// What went wrong.
    public let message: String
    /// Logs or files that show it.
    public let evidence: [String]

    /// Creates a failure.
    public init(step: GateStep, message: String, evidence: [String] = []) {
        self.step = step
        self.message = message
        self.evidence = evidence
    }
}
