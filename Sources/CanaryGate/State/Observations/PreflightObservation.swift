import CanaryCore
import Foundation

/// The RC's import check and traceability, and the server's health, before any canary run.
public struct PreflightObservation: Codable, Equatable, Sendable {
    /// The CLI under test.
    public let cli: InstalledCLI
    /// Whether its Python imports the sync modules.
    public let imports: ImportCheckResult
    /// Its installed metadata, when readable.
    public let metadata: InstalledCLIMetadata?
    /// Its commit against the floor commit.
    public let trace: CLITrace
    /// The target server's URL.
    public let saasURL: String
    /// `/health/`, when it answered.
    public let health: SaaSHealth?
    /// `/health/ready/`, when it answered.
    public let readiness: SaaSReadiness?
    /// The historical rows at the start; the end must match.
    public let historicalRows: HistoricalRowsSnapshot?
    /// Why the server could not be read, if so.
    public let saasError: String?

    /// Creates an observation.
    public init(
        cli: InstalledCLI, imports: ImportCheckResult, metadata: InstalledCLIMetadata?, trace: CLITrace, saasURL: String,
        health: SaaSHealth?, readiness: SaaSReadiness?, historicalRows: HistoricalRowsSnapshot?, saasError: String? = nil
    ) {
        self.cli = cli
        self.imports = imports
        self.metadata = metadata
        self.trace = trace
        self.saasURL = saasURL
        self.health = health
        self.readiness = readiness
        self.historicalRows = historicalRows
        self.saasError = saasError
    }

    enum CodingKeys: String, CodingKey {
        case cli, imports, metadata, trace, health, readiness
        case saasURL = "saas_url"
        case historicalRows = "historical_rows"
        case saasError = "saas_error"
    }
}
