import CanaryCore
import CanaryScenarios
import CanaryTestSupport
import Foundation
import XCTest

/// Negative controls from recorded real CLI outputs: for failure modes that
/// the pinned CLI cannot be made to show live, the harness's judgement is
/// checked on what real CLIs printed.
final class RecordedFailureModeTests: XCTestCase {
    private func result(_ argv: [String], exit: Int32, stdout: String, stderr: String = "") -> CommandResult {
        CommandResult(argv: argv, termination: .exited(exit), stdout: Data(stdout.utf8), stderr: Data(stderr.utf8))
    }

    private let injected = DaemonOwnerMismatchRefusalFlow.injectedFields.map(\.rawValue)

    func testStatusOutputWithoutTheActiveQueueIsUnparseable() throws {
        let text = try RecordedOutputs.text("cli-3.2.7/sync-status-check-orphan.txt")
        // rc13's signature: the block lacks the active queue's Path line.
        let truncated = text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("  Path") }.joined(separator: "\n")
        XCTAssertThrowsError(try ScenarioFixture.parseStatus(result(["spec-kitty", "sync", "status", "--check"], exit: 2, stdout: truncated))) { error in
            XCTAssertEqual((error as? ScenarioFailure)?.mode, .boundaryStatusUnparseable, "\(error)")
        }
        XCTAssertNoThrow(try ScenarioFixture.parseStatus(result(["spec-kitty"], exit: 2, stdout: text)))
    }

    func testAnOrphanNamedOnlyInJSONLeavesTheFieldsUnnamed() throws {
        // 3.2.7's JSON names no fields for an orphan; only the text line does.
        let json = try SyncStatusReport.parse(RecordedOutputs.text("cli-3.2.7/sync-status-check-orphan.json"))
        let text = try SyncStatusReport.parse(RecordedOutputs.text("cli-3.2.7/sync-status-check-orphan.txt"))
        let jsonOnly = DaemonOwnerMismatchRefusalFlow.assessStatus(exitCode: 2, named: json.namedFields, injected: injected, classification: "orphan")
        XCTAssertEqual(jsonOnly?.mode, .boundaryFieldsUnnamed)
        XCTAssertNil(DaemonOwnerMismatchRefusalFlow.assessStatus(
            exitCode: 2, named: json.namedFields.union(text.namedFields), injected: injected, classification: "orphan"))
    }

    func testACoherentStatusOverAForgedRecordIsTheRefusalMissing() throws {
        let status = try SyncStatusReport.parse(RecordedOutputs.text("cli-3.2.7-standin/sync-status-check-after-sync.json"))
        let verdict = DaemonOwnerMismatchRefusalFlow.assessStatus(exitCode: 0, named: status.namedFields, injected: injected, classification: nil)
        XCTAssertEqual(verdict?.mode, .boundaryRefusalMissing)
    }

    func testASyncNowThatDeliversIsTheRefusalMissing() throws {
        let delivered = try RecordedOutputs.text("cli-3.2.7-standin/sync-now.stdout.txt")
        let verdict = DaemonOwnerMismatchRefusalFlow.assessRefusal(result(["spec-kitty", "sync", "now"], exit: 0, stdout: delivered),
                                                                  refusal: SyncNowSummary.parse(delivered).refusal)
        XCTAssertEqual(verdict?.mode, .boundaryRefusalMissing)
        let refused = try RecordedOutputs.text("cli-3.2.7/sync-now-refused-orphan.stdout.txt")
        XCTAssertNil(DaemonOwnerMismatchRefusalFlow.assessRefusal(result(["spec-kitty", "sync", "now"], exit: 2, stdout: refused),
                                                                 refusal: SyncNowSummary.parse(refused).refusal))
    }

    func testTrafficWhileRefusedIsDeliveredDuringRefusal() {
        let before = WitnessSnapshot(batchRequests: 3, envelopeIDs: ["a"], receiptIDs: ["a"])
        let after = WitnessSnapshot(batchRequests: 4, envelopeIDs: ["a", "b"], receiptIDs: ["a", "b"])
        XCTAssertEqual(DaemonOwnerMismatchRefusalFlow.assessWitness(before: before, after: after)?.mode, .boundaryDeliveredDuringRefusal)
        XCTAssertNil(DaemonOwnerMismatchRefusalFlow.assessWitness(before: before, after: before))
    }

    func testRollbackRowsFromARealQueue() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rollback-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try RecordedOutputs.copy("cli-3.2.7/sync.db", into: directory)
        let changes = try QueueReader(url: store).statusChanges(wpID: "WP01")
        let rollback = try XCTUnwrap(changes.last { $0.fromLane == "in_review" && $0.toLane == "planned" })
        let review = try XCTUnwrap(changes.last { $0.fromLane == "for_review" && $0.toLane == "in_review" })
        let ok = result(["spec-kitty", "agent", "tasks", "move-task"], exit: 0, stdout: "{}")

        XCTAssertNil(ReviewRejectionForceRequiredFlow.assess(rollback: ok, latest: rollback))
        let refusedText = try RecordedOutputs.text("cli-3.2.7/move-task-rollback-without-feedback.json")
        let refused = ReviewRejectionForceRequiredFlow.assess(rollback: result(["spec-kitty"], exit: 1, stdout: refusedText), latest: review)
        XCTAssertEqual(refused?.mode, .queueRollbackRowMissing)
        XCTAssertTrue(refused?.details.contains("from='for_review' to='in_review'") ?? false, refused?.details ?? "")

        var unforced = rollback
        unforced.force = false
        XCTAssertEqual(ReviewRejectionForceRequiredFlow.assess(rollback: ok, latest: unforced)?.mode, .contractForceReasonMissing)
        var reasonless = rollback
        reasonless.reason = " "
        XCTAssertEqual(ReviewRejectionForceRequiredFlow.assess(rollback: ok, latest: reasonless)?.mode, .contractForceReasonMissing)
    }

    func testRecordedRefusalsAndTimeoutsAreClassified() throws {
        let legacy = try RecordedOutputs.text("cli-3.2.0/sync-now-refused-legacy-rows.stdout.txt")
        let verdict = FailureClassifier.classify(step: "sync now", result(["spec-kitty", "sync", "now"], exit: 2, stdout: legacy).observation)
        XCTAssertEqual(verdict.mode, .cliCommandFailed)
        var killed = result(["spec-kitty", "auth", "login"], exit: 143, stdout: "")
        killed.timedOut = true
        XCTAssertEqual(FailureClassifier.classify(step: "login", killed.observation).mode, .cliTimeout)
    }

    func testRc16sWholeBatchRefusalIsRejectedBySaaSNotTheEventLoop() throws {
        // rc16 copies the lane fields to the envelope's top level (#1188); the strict ingress
        // refuses the batch with HTTP 400 and the CLI files it under `unknown: 32`.
        let stdout = try RecordedOutputs.text("cli-3.2.0rc16-standin/sync-now-batch-400.stdout.txt")
        let stderr = try RecordedOutputs.text("cli-3.2.0rc16-standin/sync-now-batch-400.stderr.txt")
        XCTAssertTrue(stdout.contains("unknown: 32"))
        let verdict = FailureClassifier.classify(step: "sync now", result(["spec-kitty", "sync", "now"], exit: 1, stdout: stdout, stderr: stderr).observation)
        XCTAssertEqual(verdict.mode, .syncRejectedBySaaS)
        XCTAssertTrue(verdict.details.contains("matched 'Additional properties are not allowed'"), verdict.details)
        // Without the server's words, `unknown: N` alone is still the event-loop signature (#1182).
        let unknownOnly = FailureClassifier.classify(step: "sync now", result(["spec-kitty", "sync", "now"], exit: 1, stdout: stdout).observation)
        XCTAssertEqual(unknownOnly.mode, .syncEventLoopUnavailable)
        XCTAssertEqual(SyncNowSummary.parse(stdout).legacy?.categories["unknown"], 32)
    }

    func testRc13sTeamspaceMigrationPanelIsClassified() throws {
        let stdout = try RecordedOutputs.text("cli-3.2.0rc13-standin/sync-now-teamspace-migration.stdout.txt")
        let verdict = FailureClassifier.classify(step: "sync now", result(["spec-kitty", "sync", "now"], exit: 1, stdout: stdout).observation)
        XCTAssertEqual(verdict.mode, .syncTeamspaceMigrationRequired)
        XCTAssertTrue(SyncNowSummary.parse(stdout).teamspaceMigrationRequired)
    }
}
