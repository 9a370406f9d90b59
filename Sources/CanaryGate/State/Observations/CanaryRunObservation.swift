import CanaryCore
import Foundation

/// A canary protocol run as the bundle on disk records it, with the invariants checked afterwards.
public struct CanaryRunObservation: Codable, Equatable, Sendable {
    /// Single run or four-run protocol.
    public let mode: CanaryRunMode
    /// The CLI version the gate installed and asked the script to drive.
    public let expectedCLIVersion: String?
    /// What the script reported.
    public let script: CanaryScriptOutcome
    /// The run files read back from the bundle.
    public let runs: [GateRunFile]
    /// Run files that could not be read.
    public let runFileProblems: [String]
    /// The bundle checked against its manifest; nil when there was no bundle to check.
    public let manifest: ManifestVerification?
    /// The historical rows compared with the start (checked after the four-run protocol).
    public let historicalRows: HistoricalRowsCheck?
    /// `/health/ready/` read after the runs (four-run protocol), for the evidence comment.
    public let readinessAfter: SaaSReadiness?
    /// The script's output, kept in the gate's attempt directory.
    public let scriptLog: String?

    /// Creates an observation.
    public init(
        mode: CanaryRunMode, expectedCLIVersion: String? = nil, script: CanaryScriptOutcome, runs: [GateRunFile],
        runFileProblems: [String] = [],
        manifest: ManifestVerification?, historicalRows: HistoricalRowsCheck? = nil, readinessAfter: SaaSReadiness? = nil,
        scriptLog: String? = nil
    ) {
        self.mode = mode
        self.expectedCLIVersion = expectedCLIVersion
        self.script = script
        self.runs = runs
        self.runFileProblems = runFileProblems
        self.manifest = manifest
        self.historicalRows = historicalRows
        self.readinessAfter = readinessAfter
        self.scriptLog = scriptLog
    }

    /// Runs whose outcome is "pass", and the total.
    public var passedRuns: (passed: Int, total: Int) { (runs.filter { $0.outcome == "pass" }.count, runs.count) }

    /// Scenarios whose status is "pass", and the total, over every run.
    public var passedScenarios: (passed: Int, total: Int) {
        let all = runs.flatMap(\.scenarios)
        return (all.filter { $0.status == "pass" }.count, all.count)
    }

    enum CodingKeys: String, CodingKey {
        case mode, script, runs, manifest
        case expectedCLIVersion = "expected_cli_version"
        case runFileProblems = "run_file_problems"
        case historicalRows = "historical_rows"
        case readinessAfter = "readiness_after"
        case scriptLog = "script_log"
    }
}
