import CanaryCore
import Foundation
@testable import SaaSStandIn
import XCTest

/// `GET /__standin__/teamspace` over loopback: per account, problems served, and
/// computed from the store so a restart changes nothing.
final class StandInTeamspaceEndpointTests: StandInTestCase {
    private typealias F = TeamspaceFixtures

    func testEachAccountSeesOnlyItsOwnTeamspaceAndItsProblems() throws {
        let server = try startServer()
        let client = server.client()
        let alice = try client.createAccount(email: "alice@standin.invalid")
        let bob = try client.createAccount(email: "bob@standin.invalid")
        let aliceToken = try client.deviceLogin(account: alice.userID).accessToken
        let bobToken = try client.deviceLogin(account: bob.userID).accessToken

        _ = try client.sendBatch([F.missionCreated(), F.workPackageCreated()] + F.transitions().prefix(3), accessToken: aliceToken)
        // Bob's project has a transition without its target lane: accepted by the server, unusable by a Teamspace.
        let bobProject = "11111111-1111-4111-8111-111111111111"
        var bobEvents = Array(F.transitions(wpID: "WP02", project: bobProject).prefix(2))
        bobEvents[1] = F.settingPayload(bobEvents[1], "to_lane", to: nil)
        _ = try client.sendBatch(bobEvents, accessToken: bobToken)

        let aliceView = try client.teamspace(account: alice.userID)
        XCTAssertEqual(aliceView.account, alice.userID)
        XCTAssertEqual(aliceView.missions.map(\.projectUUID), [F.project])
        XCTAssertEqual(aliceView.mission(slug: F.mission)?.workPackage("WP01")?.lane, "in_progress")
        XCTAssertEqual(aliceView.problems, [])

        let bobView = try client.teamspace(account: bob.userID)
        XCTAssertEqual(bobView.missions.map(\.projectUUID), [bobProject])
        XCTAssertEqual(bobView.mission(slug: F.mission)?.workPackage("WP02")?.lane, "planned")
        XCTAssertEqual(bobView.problems, [TeamspaceProblem(eventID: "status-WP02-1", eventType: "WPStatusChanged", reason: "payload.to_lane missing")])

        XCTAssertEqual(try client.teamspace(account: "nobody"), StandInTeamspace(account: "nobody"))
    }

    func testAccountIsRequired() throws {
        let server = try startServer()
        let response = try rawClient(server).send(adminRequest(server, "GET", "/__standin__/teamspace/"))
        XCTAssertEqual(response.status, 400)
        XCTAssertEqual(try JSONValue.parse(response.body)["error"], .string("teamspace needs ?account=<user_id>"))
    }

    func testTeamspaceSurvivesARestart() throws {
        let path = try temporaryDirectory().appendingPathComponent("store.sqlite").path
        let first = try startServer(StandInConfiguration(databasePath: path))
        var client = first.client()
        let account = try client.createAccount()
        _ = try client.sendBatch(F.transitions(), accessToken: try client.deviceLogin(account: account.userID).accessToken)
        let before = try client.teamspace(account: account.userID)
        XCTAssertEqual(before.mission(slug: F.mission)?.workPackage("WP01")?.transitions.count, 6)
        first.stop()

        let second = try startServer(StandInConfiguration(databasePath: path))
        client = second.client()
        XCTAssertEqual(try client.teamspace(account: account.userID), before)
    }
}
