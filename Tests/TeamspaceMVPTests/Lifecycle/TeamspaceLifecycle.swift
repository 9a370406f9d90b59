import CanaryCore
import Foundation
import SaaSStandIn

/// The authenticated lifecycle a Teamspace user goes through with the real CLI: log in,
/// set up a consented project, create a mission, seed and finalize its tasks, finish T001,
/// move WP01 one hop at a time into review and roll it back with review feedback.
///
/// Every step must succeed: a step that fails throws with its command line and output,
/// because the comparison after it would only restate that failure.
struct TeamspaceLifecycle {
    /// The lanes WP01 walks, one hop at a time, before the rollback.
    static let forwardLanes = ["claimed", "in_progress", "for_review", "in_review"]

    /// Drives every call.
    let driver: SpecKittyDriver
    /// One line per step, for the run's log.
    let progress: (String) -> Void

    /// Logs in as `account` through the stand-in's login hint and `auth login --headless`.
    func logIn(as account: StandInAccount, admin: StandInClient) throws {
        try admin.setLoginHint(account: account.userID)
        try require(driver.authLoginHeadless(), "auth login --headless")
        let status = try driver.authStatus()
        guard status.succeeded, status.stdout.contains(account.email) else {
            throw SpecKittyError.unexpectedOutput(field: "the account \(account.email) (auth.login_failed)", result: status)
        }
        progress("logged in as \(account.email) (\(account.userID))")
    }

    /// Runs the lifecycle after login and returns what the CLI then reports.
    func run(missionLabel: String = "teamspace-mvp") throws -> CLIMissionReport {
        let project = try driver.prepareCheckout()
        progress("project \(project.uuid) initialised, opted in")

        let creation = try driver.missionCreate(missionLabel)
        let slug = creation.slug
        let creationOutput = creation.output.result.stdout + creation.output.result.stderr
        progress("mission \(slug) created" + (creationOutput.contains(CLIMissionReport.dropWarning)
            ? " (the CLI warned: \(CLIMissionReport.dropWarning))" : ""))

        try driver.seedMissionArtifacts(in: creation.featureDirectory)
        try requireSuccess(driver.setupPlan(mission: slug), "agent mission setup-plan")
        try driver.commitAll(message: "setup-plan")
        try requireSuccess(driver.finalizeTasks(mission: slug), "agent mission finalize-tasks")
        try driver.commitAll(message: "finalize-tasks")
        try require(driver.markStatus("T001", mission: slug).result, "agent tasks mark-status T001")
        progress("spec, plan and WP01 finalized; T001 done")

        var lastMove: JSONCommandResult?
        for lane in Self.forwardLanes {
            lastMove = try move(MoveTaskRequest("WP01", to: lane, mission: slug, agent: "canary", reviewer: "canary"))
        }
        let feedback = driver.workspace.directory.appendingPathComponent("review-feedback.md")
        try Data("# Review feedback\n\n**Issue**: the Teamspace canary sends WP01 back on purpose.\n".utf8).write(to: feedback)
        lastMove = try move(MoveTaskRequest("WP01", to: "planned", mission: slug, agent: "canary", reviewer: "canary",
                                            reviewFeedbackFile: feedback, note: "teamspace canary: review rejected"))
        progress("WP01 moved through \(Self.forwardLanes.joined(separator: ", ")) and back to planned")

        let board = try driver.specKitty(["agent", "tasks", "status", "--mission", slug, "--json"])
        try require(board, "agent tasks status")
        let (reportedSlug, lanes) = try CLIMissionReport.lanes(fromTasksStatus: JSONCommandResult(board).json)
        guard reportedSlug == slug else {
            throw TeamspaceMVPError.unreadableCLIOutput(source: "agent tasks status --json", reason: "it reports mission \(reportedSlug), not \(slug)")
        }
        return CLIMissionReport(
            projectUUID: project.uuid, missionSlug: slug, missionID: creation.output.string("mission_id"),
            missionCreationDeclaredDrop: creationOutput.contains(CLIMissionReport.dropWarning), lanes: lanes,
            history: try statusLog(lastMove: lastMove, slug: slug))
    }

    /// The CLI's status event log, grouped by work package: where `move-task` said it wrote
    /// (3.2.7 keeps it in the mission's coordination worktree), else in the mission directory.
    private func statusLog(lastMove: JSONCommandResult?, slug: String) throws -> [String: [CLITransition]]? {
        let fallback = driver.workspace.checkout.appendingPathComponent("kitty-specs/\(slug)/status.events.jsonl").path
        let candidates: [String] = [lastMove?.string("status_events_path"), fallback].compactMap { $0 }
        guard let path = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else { return nil }
        let transitions = try CLITransition.parseLog(try String(contentsOfFile: path, encoding: .utf8))
        return Dictionary(grouping: transitions) { $0.wpID }
    }

    private func move(_ request: MoveTaskRequest) throws -> JSONCommandResult {
        let output = try driver.moveTask(request)
        try require(output.result, "agent tasks move-task \(request.workPackageID) --to \(request.lane)")
        return output
    }

    private func requireSuccess(_ output: JSONCommandResult, _ step: String) throws {
        try require(output.result, step)
        guard output.string("result") == "success" else { throw SpecKittyError.stepFailed(step: "\(step) (result \(output.string("result") ?? "none"))", result: output.result) }
    }

    private func require(_ result: CommandResult, _ step: String) throws {
        guard result.succeeded else { throw SpecKittyError.stepFailed(step: step, result: result) }
    }
}
