import CanaryCore
import CanaryTestSupport
import Foundation
import XCTest

final class JSONCommandResultTests: XCTestCase {
    private func result(stdout: String, exit: Int32 = 0) -> CommandResult {
        CommandResult(argv: ["spec-kitty"], termination: .exited(exit), stdout: Data(stdout.utf8))
    }

    func testRecordedMissionCreate() throws {
        let output = JSONCommandResult(result(stdout: try RecordedOutputs.text("cli-3.2.7/mission-create.json")))
        XCTAssertEqual(output.string("mission_slug"), "canary-mission-01M89NJ2")
        XCTAssertEqual(output.string("feature_dir"), "/tmp/skx/checkout/kitty-specs/canary-mission-01M89NJ2")
        XCTAssertEqual(output.string("result"), "success")
    }

    func testRecordedMoveTaskAnswers() throws {
        let rollback = JSONCommandResult(result(stdout: try RecordedOutputs.text("cli-3.2.7/move-task-rollback.json")))
        XCTAssertEqual(rollback.string("old_lane"), "in_review")
        XCTAssertEqual(rollback.string("new_lane"), "planned")
        XCTAssertEqual(rollback.json?["transition_applied"]?.boolValue, true)
        let refused = JSONCommandResult(result(stdout: try RecordedOutputs.text("cli-3.2.7/move-task-rollback-without-feedback.json"), exit: 1))
        XCTAssertTrue(refused.string("error")?.contains("requires review feedback") ?? false)
        XCTAssertTrue(refused.string("error")?.contains("cannot be bypassed with --force") ?? false)
    }

    func testRecordedSetupPlanBlockedAndSuccess() throws {
        let blocked = JSONCommandResult(result(stdout: try RecordedOutputs.text("cli-3.2.7/setup-plan-blocked.json")))
        XCTAssertEqual(blocked.string("result"), "blocked")
        XCTAssertEqual(blocked.string("error_code"), "SPEC_NOT_SUBSTANTIVE_OR_UNCOMMITTED")
        let success = JSONCommandResult(result(stdout: try RecordedOutputs.text("cli-3.2.7/setup-plan.json")))
        XCTAssertEqual(success.string("result"), "success")
        let finalize = JSONCommandResult(result(stdout: try RecordedOutputs.text("cli-3.2.7/finalize-tasks.json")))
        XCTAssertEqual(finalize.json?["wp_count"]?.intValue, 1)
        let mark = JSONCommandResult(result(stdout: try RecordedOutputs.text("cli-3.2.7/mark-status.json")))
        XCTAssertEqual(mark.json?["summary"]?["updated"]?.intValue, 1)
    }

    func testObjectAfterNoticesIsFound() {
        let text = "Warning: something\nmore {not json}\n{\"result\": \"success\", \"n\": 1}\n"
        XCTAssertEqual(JSONCommandResult.extractObject(from: text)?["n"]?.intValue, 1)
        XCTAssertNil(JSONCommandResult.extractObject(from: "Traceback (most recent call last):\n  boom"))
        XCTAssertNil(JSONCommandResult.extractObject(from: "[1, 2]"))
    }

    func testMoveTaskRequestArguments() {
        let feedback = URL(fileURLWithPath: "/tmp/feedback.md")
        let rollback = MoveTaskRequest("WP01", to: "planned", mission: "m-1", reviewFeedbackFile: feedback, note: "canary scenario 4")
        XCTAssertEqual(rollback.arguments, [
            "agent", "tasks", "move-task", "WP01", "--to", "planned", "--mission", "m-1",
            "--agent", "claude", "--reviewer", "claude", "--review-feedback-file", "/tmp/feedback.md",
            "--note", "canary scenario 4", "--json",
        ])
        let done = MoveTaskRequest("WP01", to: "done", mission: "m", agent: nil, reviewer: nil,
                                   approvalRef: "sync-identity-boundary-canary:m", doneOverrideReason: "canary", force: true)
        XCTAssertEqual(done.arguments, [
            "agent", "tasks", "move-task", "WP01", "--to", "done", "--mission", "m",
            "--approval-ref", "sync-identity-boundary-canary:m", "--done-override-reason", "canary", "--force", "--json",
        ])
    }
}
