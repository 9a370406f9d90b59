import CanaryCore
import Foundation

/// The local probe: fixed readings, for rehearsing the gate offline and for tests.
public struct FixedSaaSProbe: SaaSProbe {
    /// The URL reported in evidence.
    public let baseURL: String
    /// What `/health/` answers.
    public let healthReading: SaaSHealth
    /// What `/health/ready/` answers.
    public let readinessReading: SaaSReadiness
    /// What the historical rows look like.
    public let rows: HistoricalRowsSnapshot

    /// Creates a probe with fixed answers.
    public init(baseURL: String, health: SaaSHealth, readiness: SaaSReadiness, rows: HistoricalRowsSnapshot) {
        self.baseURL = baseURL
        healthReading = health
        readinessReading = readiness
        self.rows = rows
    }

    /// The fixed `/health/`.
    public func health() throws -> SaaSHealth { healthReading }
    /// The fixed `/health/ready/`.
    public func readiness() throws -> SaaSReadiness { readinessReading }
    /// The fixed rows.
    public func historicalRows() throws -> HistoricalRowsSnapshot { rows }
}
