import CanaryCore
import Foundation

/// The part of a run document (`runs/run-N.json`) the gate judges: outcome and scenario verdicts.
///
/// Decoded on its own rather than through the full run-document model so the
/// gate reads any run file that keeps the documented top-level contract.
public struct GateRunFile: Codable, Equatable, Sendable {
    /// "pass" or "fail".
    public let outcome: String
    /// Position in the four-run protocol, when recorded.
    public let runNumber: Int?
    /// The CLI version the run drove.
    public let cliVersion: String?
    /// The events package version installed beside the CLI.
    public let eventsPackageVersion: String?
    /// True for a filtered (fewer than four scenarios) run.
    public let partial: Bool?
    /// The scenarios' verdicts.
    public let scenarios: [Scenario]

    /// One scenario's verdict.
    public struct Scenario: Codable, Equatable, Sendable {
        /// Scenario id, 1 to 4.
        public let id: Int
        /// Scenario name.
        public let name: String?
        /// "pass" or "fail".
        public let status: String
        /// A stable failure-mode id such as `queue.rollback_row_missing`.
        public let failureMode: String?
        /// Why it failed.
        public let details: String?

        /// Creates a verdict.
        public init(id: Int, name: String? = nil, status: String, failureMode: String? = nil, details: String? = nil) {
            self.id = id
            self.name = name
            self.status = status
            self.failureMode = failureMode
            self.details = details
        }

        enum CodingKeys: String, CodingKey {
            case id, name, status, details
            case failureMode = "failure_mode"
        }
    }

    /// Creates a run file summary.
    public init(
        outcome: String, runNumber: Int? = nil, cliVersion: String? = nil, eventsPackageVersion: String? = nil,
        partial: Bool? = nil, scenarios: [Scenario]
    ) {
        self.outcome = outcome
        self.runNumber = runNumber
        self.cliVersion = cliVersion
        self.eventsPackageVersion = eventsPackageVersion
        self.partial = partial
        self.scenarios = scenarios
    }

    enum CodingKeys: String, CodingKey {
        case outcome, partial, scenarios
        case runNumber = "run_number"
        case cliVersion = "cli_version"
        case eventsPackageVersion = "events_package_version"
    }
}
