import CanaryCore
import Foundation

/// Scenario 1: `sync now` after a fresh login, with no prior queue state.
public struct FreshAuthenticatedMissionFlow: Sendable {
    /// Creates the flow.
    public init() {}

    /// Runs the steps of `scenarios.md`; throws the first classified failure.
    public func run(_ fixture: ScenarioFixture) throws {
        let account = try fixture.login()
        let project = try fixture.prepareCheckout()

        // 1. The boundary fields exist before any mission (parsing proves their types).
        let before = try fixture.statusCheck(json: true)
        fixture.updateEvidence { $0.notes["status_before_exit_code"] = before.result.exitCode.map(String.init) ?? "signal" }

        // 2. Mission lifecycle, then straight to done with an approval reference.
        let mission = try fixture.createMission(label: "canary-fresh-mission")
        try fixture.move(mission, to: "done") { request in
            request.approvalRef = "sync-identity-boundary-canary:\(mission.slug)"
            request.doneOverrideReason = "sync identity-boundary canary: scenario 1 closes its own work package"
        }

        // 3. sync now delivers and nothing is refused.
        let outcome = try fixture.requireSyncDelivers()

        // 4. The server holds the mission's events under this account and no other.
        try Self.requireWitnessed(fixture, account: account, project: project, mission: mission, lane: "done", outcome: outcome)

        // 5. Coherent afterwards.
        let after = try fixture.statusCheck(json: true)
        try Self.requireCoherent(after, step: "sync status --check after sync")
    }

    /// The witness holds a WPStatusChanged for the work package ending in `lane`, under this account only.
    static func requireWitnessed(
        _ fixture: ScenarioFixture, account: ScenarioAccount, project: ProjectIdentity, mission: MissionContext,
        lane: String, outcome: SyncNowOutcome
    ) throws {
        guard let client = fixture.witness else { return }
        let mine = try fixture.witnessedEnvelopes()
        let changes = mine.filter { $0.eventType == "WPStatusChanged" && $0.envelope["payload"]?["wp_id"]?.stringValue == mission.workPackage }
        guard let last = changes.last, last.envelope["payload"]?["to_lane"]?.stringValue == lane else {
            let seen = changes.map { "\($0.envelope["payload"]?["from_lane"]?.stringValue ?? "?")->\($0.envelope["payload"]?["to_lane"]?.stringValue ?? "?")" }
            let said = fixture.evidence.notes["sync_now"] ?? outcome.result.tail(lines: 3)
            throw ScenarioFailure(.saasNotMaterialized, "the server holds no WPStatusChanged for \(mission.workPackage) ending in '\(lane)' under \(account.email) (transitions seen: \(seen)); sync now said: \(said)")
        }
        let wrongProject = mine.filter { $0.projectUUID != nil && $0.projectUUID != project.uuid }
        guard wrongProject.isEmpty else {
            throw ScenarioFailure(.boundaryForeignRowsLeaked, "\(wrongProject.count) envelope(s) under \(account.email) name another project: \(wrongProject.prefix(3).map { "\($0.eventID) project \($0.projectUUID ?? "?")" })")
        }
        let elsewhere = try fixture.harness("read the witness") { try client.envelopes(project: project.uuid) }
            .filter { $0.account != account.userID }
        guard elsewhere.isEmpty else {
            throw ScenarioFailure(.boundaryForeignRowsLeaked, "\(elsewhere.count) event(s) of this project reached another account: \(elsewhere.prefix(3).map { "\($0.eventID) under \($0.account)" })")
        }
    }

    /// Exit 0, no mismatches, no orphans, and the active queue exists on disk.
    static func requireCoherent(_ status: (result: CommandResult, report: SyncStatusReport), step: String) throws {
        let report = status.report
        guard status.result.exitCode == 0, report.mismatchCount == 0, report.orphanRecordCount == 0 else {
            throw ScenarioFailure(.cliCommandFailed, "\(step): \(status.result.terminationDescription), mismatches \(report.mismatchCount), orphan records \(report.orphanRecordCount): \(report.failures.joined(separator: "; "))\n\(status.result.tail(lines: 10))")
        }
        guard FileManager.default.fileExists(atPath: report.activeQueue.path) else {
            throw ScenarioFailure(.boundaryStatusUnparseable, "\(step): the active queue path \(report.activeQueue.path) does not exist on disk")
        }
    }
}
