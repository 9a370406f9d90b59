import CanaryCore
@testable import SaaSStandIn
import XCTest

/// The Teamspace projection as a pure function over accepted envelopes.
final class TeamspaceProjectionTests: XCTestCase {
    private typealias F = TeamspaceFixtures

    func testLifecycleProjectsOneMissionWithItsWorkPackageInTheLastLane() throws {
        let envelopes = F.accepted([F.missionCreated(), F.buildRegistered(), F.workPackageCreated(), F.dossierIndexed(), F.historyAdded()]
            + F.transitions())
        let teamspace = TeamspaceProjection.project(envelopes, account: "user-1")

        XCTAssertEqual(teamspace.problems, [])
        XCTAssertEqual(teamspace.eventCount, 11)
        XCTAssertEqual(teamspace.ignoredEventTypes, ["BuildRegistered": 1, "HistoryAdded": 1])
        let mission = try XCTUnwrap(teamspace.mission(slug: F.mission, projectUUID: F.project))
        XCTAssertEqual(teamspace.missions.count, 1)
        XCTAssertEqual(mission.missionID, "01M89RE0CA178X4P0HN542N5JJ")
        XCTAssertEqual(mission.missionType, "software-dev")
        XCTAssertEqual(mission.eventTypes, ["MissionCreated", "MissionDossierArtifactIndexed", "WPCreated", "WPStatusChanged"])
        let workPackage = try XCTUnwrap(mission.workPackage("WP01"))
        XCTAssertEqual(workPackage.title, "Teamspace lifecycle")
        XCTAssertEqual(workPackage.lane, "planned")
        XCTAssertEqual(workPackage.transitions.map(\.toLane), ["planned", "claimed", "in_progress", "for_review", "in_review", "planned"])
        let rollback = try XCTUnwrap(workPackage.transitions.last)
        XCTAssertTrue(rollback.force)
        XCTAssertEqual(rollback.reason, "backward rewind: in_review -> planned")
        XCTAssertEqual(rollback.actor, .string("claude"))
        XCTAssertEqual(rollback.lamportClock, 60)
    }

    func testMissionWithoutMissionCreatedStillShowsThroughTheEventsThatNameIt() throws {
        let teamspace = TeamspaceProjection.project(F.accepted([F.dossierIndexed()] + F.transitions()), account: "user-1")
        let mission = try XCTUnwrap(teamspace.mission(slug: F.mission))
        XCTAssertNil(mission.missionID)
        XCTAssertEqual(mission.eventTypes, ["MissionDossierArtifactIndexed", "WPStatusChanged"])
        XCTAssertEqual(mission.workPackage("WP01")?.lane, "planned")
    }

    func testWorkPackageCreatedButNeverMovedHasNoLane() throws {
        let teamspace = TeamspaceProjection.project(F.accepted([F.workPackageCreated(wpID: "WP02")]), account: "user-1")
        let workPackage = try XCTUnwrap(teamspace.mission(slug: F.mission)?.workPackage("WP02"))
        XCTAssertNil(workPackage.lane)
        XCTAssertEqual(workPackage.transitions, [])
    }

    func testTransitionsFollowLamportClocksWhateverTheArrivalOrder() throws {
        let teamspace = TeamspaceProjection.project(F.accepted(F.transitions().reversed()), account: "user-1")
        XCTAssertEqual(teamspace.problems, [])
        let workPackage = try XCTUnwrap(teamspace.mission(slug: F.mission)?.workPackage("WP01"))
        XCTAssertEqual(workPackage.transitions.map(\.eventID), (0 ..< 6).map { "status-WP01-\($0)" })
        XCTAssertEqual(workPackage.lane, "planned")
    }

    func testWithoutClocksArrivalOrderDecides() throws {
        let unclocked = F.transitions().map { F.setting($0, "lamport_clock", to: nil) }
        let teamspace = TeamspaceProjection.project(F.accepted(Array(unclocked.prefix(3))), account: "user-1")
        XCTAssertEqual(teamspace.mission(slug: F.mission)?.workPackage("WP01")?.lane, "in_progress")
        XCTAssertNil(teamspace.mission(slug: F.mission)?.workPackage("WP01")?.transitions.first?.lamportClock)
    }

    func testMissingFieldsBecomeProblemsNamingTheEventAndTheField() {
        var events = F.transitions()
        events[3] = F.settingPayload(events[3], "to_lane", to: nil)
        events[4] = F.settingPayload(events[4], "wp_id", to: .null)
        let teamspace = TeamspaceProjection.project(F.accepted(events), account: "user-1")
        XCTAssertEqual(Array(teamspace.problems.prefix(2)), [
            TeamspaceProblem(eventID: "status-WP01-3", eventType: "WPStatusChanged", reason: "payload.to_lane missing"),
            TeamspaceProblem(eventID: "status-WP01-4", eventType: "WPStatusChanged", reason: "payload.wp_id missing"),
        ])
        // The history that did arrive no longer joins up: the gap is named too.
        XCTAssertEqual(teamspace.problems.count, 3)
        XCTAssertEqual(teamspace.problems.last?.eventID, "status-WP01-5")
        XCTAssertTrue(teamspace.problems.last?.reason.contains("moves from 'in_review' but its previous transition (status-WP01-2) ended in 'in_progress'") == true,
                      teamspace.problems.last?.reason ?? "")
    }

    func testMalformedFieldsAreProblems() {
        let cases: [(JSONValue, String)] = [
            (F.settingPayload(F.transitions()[0], "force", to: .string("yes")), "payload.force malformed: expected true or false"),
            (F.settingPayload(F.transitions()[0], "force", to: nil), "payload.force missing"),
            (F.settingPayload(F.transitions()[0], "from_lane", to: .number(3)), "payload.from_lane malformed: expected a non-empty string"),
            (F.settingPayload(F.transitions()[0], "mission_slug", to: .string("")), "payload.mission_slug malformed: expected a non-empty string"),
            (F.settingPayload(F.transitions()[0], "reason", to: .bool(true)), "payload.reason malformed: expected a string or null"),
            (F.setting(F.transitions()[0], "payload", to: .array([])), "payload malformed: expected an object"),
            (F.setting(F.transitions()[0], "project_uuid", to: nil), "project_uuid missing"),
            (F.setting(F.transitions()[0], "lamport_clock", to: .number(1.5)), "lamport_clock malformed: expected a non-negative integer"),
            (F.setting(F.transitions()[0], "event_type", to: nil), "event_type missing"),
            (F.settingPayload(F.missionCreated(), "mission_id", to: nil), "payload.mission_id missing"),
            (F.dossierIndexed(missionSlug: .null), "payload.mission_slug missing"),
        ]
        for (envelope, reason) in cases {
            let teamspace = TeamspaceProjection.project(F.accepted([envelope]), account: "user-1")
            XCTAssertEqual(teamspace.problems.map(\.reason), [reason])
            XCTAssertEqual(teamspace.missions, [], "a problem event places nothing: \(reason)")
        }
    }

    func testForcedTransitionWithoutReasonBreaksTheContract() {
        let rollback = F.settingPayload(F.transitions()[5], "reason", to: .null)
        let teamspace = TeamspaceProjection.project(F.accepted([rollback]), account: "user-1")
        XCTAssertEqual(teamspace.problems, [TeamspaceProblem(eventID: "status-WP01-5", eventType: "WPStatusChanged",
                                                             reason: "payload.force is true but payload.reason is empty")])
    }

    func testConflictingMissionCreatedIsAProblemAndTheFirstIdentityStays() {
        let teamspace = TeamspaceProjection.project(F.accepted([F.missionCreated(), F.missionCreated(eventID: "again", missionID: "OTHER")]),
                                                    account: "user-1")
        XCTAssertEqual(teamspace.mission(slug: F.mission)?.missionID, "01M89RE0CA178X4P0HN542N5JJ")
        XCTAssertEqual(teamspace.problems.map(\.eventID), ["again"])
    }

    func testSameSlugInTwoProjectsIsTwoMissions() {
        let other = "00000000-0000-4000-8000-000000000000"
        let teamspace = TeamspaceProjection.project(F.accepted(F.transitions() + F.transitions(project: other)), account: "user-1")
        XCTAssertEqual(teamspace.missions.map(\.projectUUID), [other, F.project])
        XCTAssertEqual(teamspace.problems, [], "each project's history joins up on its own")
    }

    func testEncodesTheDocumentedShapeWithNulls() throws {
        let teamspace = TeamspaceProjection.project(F.accepted([F.dossierIndexed()] + F.transitions().prefix(1)), account: "user-1")
        let json = try JSONValue.parse(JSONCoding.encode(teamspace))
        XCTAssertEqual(json["account"], .string("user-1"))
        let mission = try XCTUnwrap(json["missions"]?.arrayValue?.first)
        XCTAssertEqual(mission["mission_id"], .null)
        let workPackage = try XCTUnwrap(mission["work_packages"]?.arrayValue?.first)
        XCTAssertEqual(workPackage["wp_id"], .string("WP01"))
        XCTAssertEqual(workPackage["transitions"]?.arrayValue?.first?["to_lane"], .string("planned"))
        XCTAssertEqual(json["problems"], .array([]))
        XCTAssertEqual(try JSONCoding.decoder().decode(StandInTeamspace.self, from: JSONCoding.encode(teamspace)), teamspace)
    }
}
