import Foundation

/// One `agent tasks move-task` call.
public struct MoveTaskRequest: Equatable, Sendable {
    /// The work package, `WP01`.
    public var workPackageID: String
    /// The target lane: planned, claimed, in_progress, for_review, in_review, approved, done.
    public var lane: String
    /// The mission slug.
    public var mission: String
    /// `--agent`.
    public var agent: String?
    /// `--reviewer`.
    public var reviewer: String?
    /// `--approval-ref` (approval and done transitions).
    public var approvalRef: String?
    /// `--done-override-reason` (done without verifiable merge ancestry).
    public var doneOverrideReason: String?
    /// `--review-feedback-file`: required for any move to planned after review.
    public var reviewFeedbackFile: URL?
    /// `--note`.
    public var note: String?
    /// `--force`.
    public var force: Bool

    /// A move of `workPackageID` to `lane` in `mission`.
    public init(
        _ workPackageID: String,
        to lane: String,
        mission: String,
        agent: String? = "claude",
        reviewer: String? = "claude",
        approvalRef: String? = nil,
        doneOverrideReason: String? = nil,
        reviewFeedbackFile: URL? = nil,
        note: String? = nil,
        force: Bool = false
    ) {
        self.workPackageID = workPackageID
        self.lane = lane
        self.mission = mission
        self.agent = agent
        self.reviewer = reviewer
        self.approvalRef = approvalRef
        self.doneOverrideReason = doneOverrideReason
        self.reviewFeedbackFile = reviewFeedbackFile
        self.note = note
        self.force = force
    }

    /// The arguments after `spec-kitty`.
    public var arguments: [String] {
        var arguments = ["agent", "tasks", "move-task", workPackageID, "--to", lane, "--mission", mission]
        let options: [(String, String?)] = [
            ("--agent", agent), ("--reviewer", reviewer), ("--approval-ref", approvalRef),
            ("--done-override-reason", doneOverrideReason), ("--review-feedback-file", reviewFeedbackFile?.path),
            ("--note", note),
        ]
        for case let (flag, value?) in options {
            arguments += [flag, value]
        }
        if force { arguments.append("--force") }
        return arguments + ["--json"]
    }
}
