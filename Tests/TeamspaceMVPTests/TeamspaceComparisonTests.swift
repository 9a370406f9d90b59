import CanaryCore
import Foundation
import SaaSStandIn
import XCTest

/// The suite's pass/fail rule, as a pure function over the CLI's report and the Teamspace.
final class TeamspaceComparisonTests: XCTestCase {
    private static let missionID = "01M89RE0CA178X4P0HN542N5JJ"
    private let project = "dbc0ca29-66c9-468a-8699-32ac99e20b88"
    private let slug = "teamspace-mvp-01M89RE0"
    private let missionID = TeamspaceComparisonTests.missionID
    private let lanes = [("genesis", "planned"), ("planned", "claimed"), ("claimed", "in_progress"),
                         ("in_progress", "for_review"), ("for_review", "in_review"), ("in_review", "planned")]

    func testTheCLIsLifecycleOnTheTeamspaceIsMaterialized() {
        let verdict = TeamspaceComparison.compare(report(), with: teamspace())
        XCTAssertEqual(verdict, TeamspaceVerdict())
        XCTAssertTrue(verdict.materialized)
    }

    func testMissingMissionCreatedPassesOnlyWhenTheCLISaidItDroppedIt() {
        let withoutIdentity = teamspace(missionID: nil)
        var declared = report()
        declared.missionCreationDeclaredDrop = true
        let excused = TeamspaceComparison.compare(declared, with: withoutIdentity)
        XCTAssertTrue(excused.materialized)
        XCTAssertEqual(excused.notes.count, 1)
        XCTAssertTrue(excused.notes[0].contains("MissionCreated (mission_id \(missionID)) never reached the Teamspace"), excused.notes[0])

        let silent = TeamspaceComparison.compare(report(), with: withoutIdentity)
        XCTAssertEqual(silent.failures, ["MissionCreated (mission_id \(missionID)) never reached the Teamspace, and `mission create` did not say it dropped it"])

        let wrong = TeamspaceComparison.compare(report(), with: teamspace(missionID: "OTHER"))
        XCTAssertEqual(wrong.failures, ["the Teamspace's MissionCreated names mission_id OTHER but the CLI created \(missionID)"])
    }

    func testALostRollbackNamesTheCLIsEventAndTheLaneLeftBehind() {
        let verdict = TeamspaceComparison.compare(report(), with: teamspace(droppingLast: 1))
        XCTAssertEqual(verdict.failures, [
            "the CLI recorded WP01 in_review -> planned (status event local-5) but no WPStatusChanged for it reached the Teamspace",
            "WP01 stands in 'in_review' on the Teamspace but the CLI reports 'planned' (its last WPStatusChanged there is remote-4, for_review -> in_review)",
        ])
    }

    func testProjectionProblemsFailNamingTheEvent() {
        var shown = teamspace()
        shown.problems = [TeamspaceProblem(eventID: "e9", eventType: "WPStatusChanged", reason: "payload.to_lane missing")]
        XCTAssertEqual(TeamspaceComparison.compare(report(), with: shown).failures,
                       ["the Teamspace could not use WPStatusChanged e9: payload.to_lane missing"])
    }

    func testAMissionThatNeverArrivedSaysWhatTheTeamspaceShowsInstead() {
        var shown = teamspace()
        shown.missions[0].projectUUID = "other-project"
        XCTAssertEqual(TeamspaceComparison.compare(report(), with: shown).failures, [
            "mission \(slug) of project \(project) is not on the Teamspace: no event naming it arrived (it shows \(slug) in project other-project)",
        ])
    }

    func testWorkPackagesMissingOrUnknownToTheCLIFail() {
        var cli = report()
        cli.lanes["WP02"] = "planned"
        var shown = teamspace()
        shown.missions[0].workPackages.append(TeamspaceWorkPackage(wpID: "WP03", lane: "claimed"))
        XCTAssertEqual(TeamspaceComparison.compare(cli, with: shown).failures, [
            "WP02 (lane 'planned' in the CLI) is not on the Teamspace: none of its WPStatusChanged events arrived",
            "the Teamspace shows WP03 (lane 'claimed'), which the CLI does not report",
        ])
    }

    func testAForcedMoveThatArrivesUnforcedFails() {
        var shown = teamspace()
        shown.missions[0].workPackages[0].transitions[5].force = false
        XCTAssertEqual(TeamspaceComparison.compare(report(), with: shown).failures, [
            "WPStatusChanged remote-5 for the CLI's WP01 in_review -> planned (status event local-5) arrived as in_review -> planned force=false; "
                + "the CLI recorded force=true",
        ])
    }

    func testTransitionsPairByCausationBeforeLanesAndExtrasFail() {
        var shown = teamspace()
        // The server's copy of the bootstrap carries no causation link, and an unknown extra move arrived.
        shown.missions[0].workPackages[0].transitions[0].causationID = nil
        shown.missions[0].workPackages[0].transitions.append(TeamspaceTransition(eventID: "remote-x", causationID: "nobody",
                                                                                 fromLane: "planned", toLane: "planned", force: false))
        let verdict = TeamspaceComparison.compare(report(), with: shown)
        XCTAssertEqual(verdict.failures, [
            "the Teamspace has WPStatusChanged remote-x (WP01 planned -> planned) that the CLI's status log does not record",
        ])
    }

    func testWithoutTheCLIsLogOnlyLanesAreCompared() {
        var cli = report()
        cli.history = nil
        let verdict = TeamspaceComparison.compare(cli, with: teamspace(droppingLast: 2))
        XCTAssertEqual(verdict.failures, [
            "WP01 stands in 'for_review' on the Teamspace but the CLI reports 'planned' (its last WPStatusChanged there is remote-3, in_progress -> for_review)",
        ])
        XCTAssertEqual(verdict.notes, ["the CLI's status event log was not found: transitions were checked through the lanes only"])
    }

    func testReadsThe327StatusLogSkippingAnnotations() throws {
        let log = """
            {"actor": "finalize-tasks", "at": "2026-11-25T16:26:35.712334+00:00", "event_id": "01M89RFJA0RBKB3MC24TG7EER1", "evidence": null, "execution_mode": "worktree", "force": false, "from_lane": "genesis", "mission_id": "01M89RE0CA178X4P0HN542N5JJ", "mission_slug": "teamspace-mvp-01M89RE0", "policy_metadata": null, "reason": "canonical bootstrap", "review_ref": null, "to_lane": "planned", "wp_id": "WP01"}
            {"actor": "user", "at": "2026-11-25T16:26:41.559551+00:00", "delta": {"subtasks": {"T001": "done"}}, "event_id": "01M89RFR0QT0J6G3G3NCA7CRQM", "kind": "annotation", "wp_id": "WP01"}

            {"actor": {"model": null, "profile": null, "role": "implementer", "tool": "canary"}, "at": "2026-11-25T16:26:47.333502+00:00", "event_id": "01M89RFXN5QJ8GAE7WQB6DRB4C", "evidence": null, "execution_mode": "worktree", "force": true, "from_lane": "planned", "mission_id": "01M89RE0CA178X4P0HN542N5JJ", "mission_slug": "teamspace-mvp-01M89RE0", "policy_metadata": null, "reason": "move-task: planned -> claimed", "review_ref": null, "to_lane": "claimed", "wp_id": "WP01"}
            """
        XCTAssertEqual(try CLITransition.parseLog(log), [
            CLITransition(eventID: "01M89RFJA0RBKB3MC24TG7EER1", wpID: "WP01", fromLane: "genesis", toLane: "planned", force: false,
                          reason: "canonical bootstrap"),
            CLITransition(eventID: "01M89RFXN5QJ8GAE7WQB6DRB4C", wpID: "WP01", fromLane: "planned", toLane: "claimed", force: true,
                          reason: "move-task: planned -> claimed"),
        ])
        XCTAssertThrowsError(try CLITransition.parseLog("{\"event_id\": \"a\"}\nnot json")) {
            XCTAssertEqual($0 as? TeamspaceMVPError, .unreadableCLIOutput(source: "status event log", reason: "line 2 is not a JSON object"))
        }
    }

    func testReadsTheTasksStatusBoard() throws {
        let board = try JSONValue.parse(Data("""
            {"mission_slug": "\(slug)", "by_lane": {"planned": 1}, "work_packages": [{"id": "WP01", "lane": "planned", "title": "x"}]}
            """.utf8))
        let parsed = try CLIMissionReport.lanes(fromTasksStatus: board)
        XCTAssertEqual(parsed.missionSlug, slug)
        XCTAssertEqual(parsed.lanes, ["WP01": "planned"])
        XCTAssertThrowsError(try CLIMissionReport.lanes(fromTasksStatus: try JSONValue.parse(Data(#"{"work_packages": []}"#.utf8))))
        XCTAssertThrowsError(try CLIMissionReport.lanes(fromTasksStatus: nil))
    }

    // MARK: Fixtures

    /// The CLI's report after the lifecycle: WP01 back in planned, six transitions in its log.
    private func report() -> CLIMissionReport {
        let history = lanes.enumerated().map { index, lanes in
            CLITransition(eventID: "local-\(index)", wpID: "WP01", fromLane: lanes.0, toLane: lanes.1, force: lanes == ("in_review", "planned"))
        }
        return CLIMissionReport(projectUUID: project, missionSlug: slug, missionID: missionID, missionCreationDeclaredDrop: false,
                                lanes: ["WP01": "planned"], history: ["WP01": history])
    }

    /// The Teamspace showing that report, less its last `droppingLast` transitions.
    private func teamspace(missionID: String? = TeamspaceComparisonTests.missionID, droppingLast: Int = 0) -> StandInTeamspace {
        let transitions = lanes.enumerated().map { index, lanes in
            TeamspaceTransition(eventID: "remote-\(index)", causationID: "local-\(index)", fromLane: lanes.0, toLane: lanes.1,
                                force: lanes == ("in_review", "planned"), reason: "move", lamportClock: index)
        }.dropLast(droppingLast)
        let workPackage = TeamspaceWorkPackage(wpID: "WP01", lane: transitions.last?.toLane, transitions: Array(transitions))
        return StandInTeamspace(account: "user-1", missions: [
            TeamspaceMission(missionSlug: slug, projectUUID: project, missionID: missionID, eventTypes: ["WPStatusChanged"],
                             workPackages: [workPackage]),
        ])
    }
}
