import CanaryCore
import Foundation

/// Builders for run documents shared by the model, JUnit and observer tests.
public enum RunDocumentFixtures {
    /// When every fixture run starts.
    public static let start = Date(timeIntervalSince1970: 1_779_189_118)
    /// The fixture runs' id.
    public static let runID = "01KRZYYXFZHZYHPPXJBVWV273E"

    /// Scenario `id`, passing, or failing with `queue.rollback_row_missing`.
    public static func scenario(_ id: ScenarioID, passing: Bool = true) -> ScenarioResult {
        passing
            ? .passed(id, startedAt: start, finishedAt: start.addingTimeInterval(Double(id.rawValue)))
            : .failed(id, mode: .queueRollbackRowMissing, details: "latest row for_review -> in_review",
                      startedAt: start, finishedAt: start.addingTimeInterval(4))
    }

    /// A valid run document of `scenarios` (all four, passing, by default).
    public static func run(scenarios: [ScenarioResult] = ScenarioID.allCases.map { scenario($0) }, runNumber: Int = 1) throws -> CanaryRunResult {
        try CanaryRunResult(
            runID: runID, runNumber: runNumber, cliVersion: "3.2.7", eventsPackageVersion: "6.1.0",
            startedAt: start, finishedAt: start.addingTimeInterval(60), scenarios: scenarios,
            saasURL: "http://127.0.0.1:8080", targetEnvironment: .standin, serverProfile: "instant",
            evidencePath: "/tmp/run-1.json", host: "canary-host", harnessVersion: "0.1.0")
    }

    /// The JSON of a valid run with `edit` applied to its top-level object.
    public static func editedJSON(_ edit: (inout [String: Any]) -> Void) throws -> Data {
        var object = try JSONSerialization.jsonObject(with: RunDocumentCoding.encode(run())) as! [String: Any]
        edit(&object)
        return try JSONSerialization.data(withJSONObject: object)
    }
}
