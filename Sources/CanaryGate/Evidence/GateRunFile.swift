import CanaryCore
import Foundation

/// The part of a run document (`runs/run-N.json`) the gate judges and journals: outcome and scenario verdicts.
///
/// Made from a `CanaryRunResult` decoded strictly (`init(_:)`), never decoded
/// on its own, so the gate and the harness agree on what a valid run file is;
/// the summary keeps the journal small (no command records or evidence).
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

    /// The summary of a run document.
    public init(_ run: CanaryRunResult) {
        self.init(outcome: run.outcome.rawValue, runNumber: run.runNumber, cliVersion: run.cliVersion,
                  eventsPackageVersion: run.eventsPackageVersion, partial: run.partial,
                  scenarios: run.scenarios.map {
                      Scenario(id: $0.id.rawValue, name: $0.name, status: $0.status.rawValue, failureMode: $0.failureMode?.rawValue,
                               details: $0.details)
                  })
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
