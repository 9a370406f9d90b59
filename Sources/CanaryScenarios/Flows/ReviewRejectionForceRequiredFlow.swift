import CanaryCore
import Foundation

/// Scenario 4: a rollback from review reaches the queue and the server with force=true and a reason.
public struct ReviewRejectionForceRequiredFlow: Sendable {
    /// Leave out `--review-feedback-file` (a negative control: 3.2.x refuses, the #1141 signature).
    public var omitReviewFeedback = false

    /// Creates the flow.
    public init(omitReviewFeedback: Bool = false) {
        self.omitReviewFeedback = omitReviewFeedback
    }

    /// The `--note` of the rollback.
    public static let note = "canary scenario 4: review-rejection force-required contract"

    /// Runs the steps of `scenarios.md`; throws the first classified failure.
    public func run(_ fixture: ScenarioFixture) throws {
        let account = try fixture.login()
        let project = try fixture.prepareCheckout()

        // 1. Lifecycle, then one hop at a time up to review.
        let mission = try fixture.createMission(label: "canary-review-rejection")
        for lane in ["claimed", "in_progress", "for_review", "in_review"] {
            try fixture.move(mission, to: lane)
        }

        // 2. The active queue exists on disk.
        let status = try fixture.statusCheck(json: true)
        let queue = URL(fileURLWithPath: status.report.activeQueue.path)
        guard FileManager.default.fileExists(atPath: queue.path) else {
            throw ScenarioFailure(.boundaryStatusUnparseable, "the active queue \(queue.path) named by sync status --check does not exist")
        }

        // 3. Roll back with review feedback.
        let feedback = fixture.workspace.directory.appendingPathComponent("review-feedback.md")
        try fixture.harness("write review feedback") {
            try Data("# Review feedback\n\n**Rejected by the canary**: the force/reason contract must survive the rollback.\n".utf8).write(to: feedback)
        }
        let rollback = try fixture.run("rollback") {
            try fixture.driver.moveTask(MoveTaskRequest(mission.workPackage, to: "planned", mission: mission.slug,
                                                        reviewFeedbackFile: omitReviewFeedback ? nil : feedback, note: Self.note)).result
        }

        // 4. Peek the queue: the latest WPStatusChanged must be the forced rollback.
        let queued = try fixture.harness("read the local queue") {
            try QueueReader(url: queue).latestStatusChange(wpID: mission.workPackage)
        }
        let latest = try Self.latestTransition(fixture, queued: queued, workPackage: mission.workPackage, account: account)
        fixture.updateEvidence { evidence in
            evidence.notes["latest_status_change"] = latest.map {
                "\($0.fromLane ?? "nil") -> \($0.toLane ?? "nil") force=\($0.force.map(String.init) ?? "nil") reason=\($0.reason ?? "nil") event_id=\($0.eventID)"
            } ?? "none"
        }
        if let verdict = Self.assess(rollback: rollback, latest: latest) { throw verdict }

        // 5. sync now, and the server holds that same event with force and reason.
        try fixture.requireSyncDelivers()
        guard let latest, let client = fixture.witness else { return }
        let received = try fixture.harness("read the witness") { try client.envelopes(account: account.userID, eventType: "WPStatusChanged") }
            .first { $0.eventID == latest.eventID }
        guard let received else {
            throw ScenarioFailure(.saasNotMaterialized, "the rollback event \(latest.eventID) never reached the server under \(account.email) (project \(project.uuid)); sync now said: \(fixture.evidence.notes["sync_now"] ?? "?")")
        }
        let payload = received.envelope["payload"]
        guard payload?["force"]?.boolValue == true, !(payload?["reason"]?.stringValue ?? "").isEmpty else {
            throw ScenarioFailure(.contractForceReasonMissing, "the server received \(latest.eventID) without force=true and a reason: force=\(payload?["force"].map { "\($0)" } ?? "absent") reason=\(payload?["reason"]?.stringValue ?? "absent")")
        }
        fixture.recordCounts()
        guard fixture.evidence.saasCounts.forceRequiredTransitionCount >= 1 else {
            throw ScenarioFailure(.saasNotMaterialized, "force_required_transition_count is \(fixture.evidence.saasCounts.forceRequiredTransitionCount) after the rollback was received")
        }
    }

    /// The latest transition of the work package: the queued row, or, on CLIs that deliver at each
    /// command's exit and delete what the server acknowledged, the server's copy when the queue
    /// no longer holds the rollback (a row still queued is what the server did not take).
    static func latestTransition(_ fixture: ScenarioFixture, queued: StatusChange?, workPackage: String,
                                 account: ScenarioAccount) throws -> StatusChange? {
        guard fixture.driver.version?.deliversAtCommandExit == true, !(queued.map(isRollback) ?? false) else { return queued }
        let received = try fixture.witnessedEnvelopes(eventType: "WPStatusChanged")
            .enumerated()
            .compactMap { index, envelope in
                StatusChange(QueuedEvent(eventID: envelope.eventID, eventType: envelope.eventType ?? "WPStatusChanged",
                                         envelope: envelope.envelope, state: "received", sequence: index))
            }
            .filter { $0.workPackageID == workPackage }
        guard let last = received.last else { return queued }
        fixture.updateEvidence { $0.notes["latest_status_change_source"] = "witness: the CLI delivered at the rollback's exit and deleted the acknowledged row" }
        return last
    }

    private static func isRollback(_ change: StatusChange) -> Bool {
        change.fromLane == "in_review" && change.toLane == "planned"
    }

    /// The verdict on the rollback, from its exit status and the latest queued row: nil when the contract holds.
    ///
    /// Pure, so recorded outputs can test every branch.
    public static func assess(rollback: CommandResult, latest: StatusChange?) -> ScenarioFailure? {
        let row = latest.map { "from='\($0.fromLane ?? "nil")' to='\($0.toLane ?? "nil")' force=\($0.force.map(String.init) ?? "nil") reason='\($0.reason ?? "")'" } ?? "none"
        guard let latest, latest.fromLane == "in_review", latest.toLane == "planned" else {
            let cli = rollback.succeeded ? "the CLI exited 0" : "the CLI refused (\(rollback.terminationDescription)): \(FailureClassifier.lastLines(rollback.stdout + "\n" + rollback.stderr, 4))"
            return ScenarioFailure(.queueRollbackRowMissing, "the latest queued WPStatusChanged is not the in_review -> planned rollback (#1141 signature): \(row); \(cli)")
        }
        guard latest.force == true, !(latest.reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty else {
            return ScenarioFailure(.contractForceReasonMissing, "the rollback row lacks force=true and a reason (spec-kitty-events #32): \(row)")
        }
        guard rollback.succeeded else {
            return ScenarioFailure.from(step: "agent tasks move-task --to planned (rollback)", rollback)
        }
        return nil
    }
}
