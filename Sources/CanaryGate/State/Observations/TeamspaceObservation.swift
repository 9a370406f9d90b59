import CanaryCore
import Foundation

/// The Teamspace MVP runs, stopping at the first failure, and the historical rows afterwards.
public struct TeamspaceObservation: Codable, Equatable, Sendable {
    /// The command template that ran.
    public let command: String
    /// The runs in order.
    public let runs: [TeamspaceRunResult]
    /// How many consecutive passes are required.
    public let requiredRuns: Int
    /// The historical rows compared with the start.
    public let historicalRows: HistoricalRowsCheck?
    /// `/health/ready/` read after the runs, for the evidence comment.
    public let readinessAfter: SaaSReadiness?

    /// Creates an observation.
    public init(
        command: String, runs: [TeamspaceRunResult], requiredRuns: Int = 4, historicalRows: HistoricalRowsCheck? = nil,
        readinessAfter: SaaSReadiness? = nil
    ) {
        self.command = command
        self.runs = runs
        self.requiredRuns = requiredRuns
        self.historicalRows = historicalRows
        self.readinessAfter = readinessAfter
    }

    enum CodingKeys: String, CodingKey {
        case command, runs
        case requiredRuns = "required_runs"
        case historicalRows = "historical_rows"
        case readinessAfter = "readiness_after"
    }
}
