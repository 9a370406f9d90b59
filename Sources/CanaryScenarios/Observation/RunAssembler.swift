import CanaryCore
import Foundation

/// Builds the run document and the JUnit text from what the recorder holds: pure.
public enum RunAssembler {
    /// The two run files of one run.
    public struct RunFiles: Sendable {
        /// The run document.
        public var document: CanaryRunResult
        /// Its JSON bytes.
        public var json: Data
        /// The JUnit XML text.
        public var junit: String
    }

    /// Assembles the files; the run document's invariants are checked here.
    public static func assemble(
        runID: String, runNumber: Int, startedAt: Date, finishedAt: Date,
        results: [ScenarioResult], records: [TestCaseRecord], metadata: RunMetadata,
        evidencePath: String, host: String, workers: Int = 1
    ) throws -> RunFiles {
        let document = try CanaryRunResult(
            runID: runID, runNumber: runNumber, cliVersion: metadata.cliVersion,
            eventsPackageVersion: metadata.eventsPackageVersion, startedAt: startedAt, finishedAt: finishedAt,
            scenarios: results, saasURL: metadata.saasURL, targetEnvironment: metadata.targetEnvironment,
            serverProfile: metadata.serverProfile, evidencePath: evidencePath, host: host,
            timing: RunTiming(startedAt: startedAt, finishedAt: finishedAt, scenarios: results, workers: workers))
        let ordered = records.sorted { ($0.scenario?.rawValue ?? 0, $0.className) < ($1.scenario?.rawValue ?? 0, $1.className) }
        let junit = JUnitXML.render(
            records: ordered,
            properties: [("run_id", runID), ("run_number", String(runNumber)), ("cli_version", metadata.cliVersion),
                         ("outcome", document.outcome.rawValue), ("partial", String(document.partial))],
            timestamp: startedAt)
        return RunFiles(document: document, json: try RunDocumentCoding.encode(document), junit: junit)
    }

    /// The file names of run `number` inside `runs/`.
    public static func fileNames(runNumber number: Int) -> (json: String, junit: String) {
        ("run-\(number).json", "run-\(number).xml")
    }
}
