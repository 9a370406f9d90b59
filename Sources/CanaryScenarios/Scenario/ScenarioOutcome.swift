import CanaryCore
import Foundation

/// What one scenario run came to, XCTest aside: its verdict, evidence, commands and time.
public struct ScenarioOutcome: Sendable {
    /// The scenario.
    public var scenario: ScenarioID
    /// The classified failure, or nil when the scenario passed.
    public var failure: ScenarioFailure?
    /// The evidence gathered.
    public var evidence: BoundaryEvidence
    /// Every command, in order, children's included.
    public var commands: [CommandRecord]
    /// When the scenario began its first step and finished its last.
    public var interval: DateInterval

    /// Creates an outcome.
    public init(scenario: ScenarioID, failure: ScenarioFailure?, evidence: BoundaryEvidence = BoundaryEvidence(),
                commands: [CommandRecord] = [], interval: DateInterval) {
        self.scenario = scenario
        self.failure = failure
        self.evidence = evidence
        self.commands = commands
        self.interval = interval
    }
}
