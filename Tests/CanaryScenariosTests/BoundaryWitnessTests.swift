import CanaryCore
@testable import CanaryScenarios
import Foundation
import SaaSStandIn
import XCTest

/// The judge of Scenario 2: what counts as sent across the boundary, and how the two arms make one verdict.
final class BoundaryWitnessTests: XCTestCase {
    private let alice = SendIdentity(server: "S1", account: "user-1", team: "team-user-1")

    private func send(_ ids: [String], account: String?, team: String?, outcome: String = "accepted", status: Int = 200,
                      stamps: [String]? = nil, at time: String = "2026-11-26T12:00:00.000Z") -> StandInSend {
        StandInSend(kind: .batch, account: account, accountTeamID: team, accountTeamSlug: team.map { "private-\($0)" },
                    tokenFingerprint: "sha256:0", tokenKnown: account != nil, httpStatus: status, outcome: outcome,
                    reason: outcome == "accepted" ? nil : "Authentication credentials were not provided or are not valid.",
                    eventIDs: ids, teamSlugs: stamps ?? ids.map { _ in team ?? "" }, contentHash: nil, receivedAt: time)
    }

    func testEventsSentToTheIdentityTheyWereRecordedUnderAreNoLeak() {
        let sends = [WitnessedSend(server: "S1", send: send(["e1", "e2"], account: "user-1", team: "team-user-1"))]
        XCTAssertEqual(BoundaryWitness.leaks(of: ["e1", "e2"], recordedUnder: alice, in: sends), [])
    }

    func testAnotherAccountAnotherTeamOrAnotherServerIsALeakAcceptedOrRefused() {
        let sends = [
            WitnessedSend(server: "S1", send: send(["e1", "other"], account: "user-2", team: "team-user-2")),
            WitnessedSend(server: "S1", send: send(["e2"], account: "user-1", team: "team-user-1-t2")),
            WitnessedSend(server: "S2", send: send(["e3"], account: nil, team: nil, outcome: "refused", status: 401)),
            WitnessedSend(server: "S1", send: send(["unrelated"], account: "user-2", team: "team-user-2")),
        ]
        let leaks = BoundaryWitness.leaks(of: ["e1", "e2", "e3"], recordedUnder: alice, in: sends)
        XCTAssertEqual(leaks.map(\.eventIDs), [["e1"], ["e2"], ["e3"]])
        XCTAssertEqual(leaks.map(\.sentTo.server), ["S1", "S1", "S2"])
        XCTAssertTrue(leaks[2].answer.hasPrefix("refused (HTTP 401"), leaks[2].answer)
        XCTAssertTrue(leaks[2].description.contains("S2 account none"), leaks[2].description)
    }

    func testTheCommandRunningWhenASendArrivedIsNamed() throws {
        let start = try XCTUnwrap(Timestamp.parse("2026-11-26T12:00:00.000Z"))
        let command = CommandResult(argv: ["/venv/bin/spec-kitty", "sync", "now"], executablePath: "/venv/bin/spec-kitty",
                                    termination: .exited(0), started: start.addingTimeInterval(-1), finished: start.addingTimeInterval(1))
        let sends = [WitnessedSend(server: "S1", send: send(["e1"], account: "user-2", team: "team-user-2"))]
        XCTAssertEqual(BoundaryWitness.leaks(of: ["e1"], recordedUnder: alice, in: sends, commands: [command]).first?.during, "spec-kitty sync now")
    }

    func testEnvelopesStampedWithAnotherTeamAreNamed() {
        let stamped = WitnessedSend(server: "S1", send: send(["e1"], account: "user-2", team: "team-user-2", stamps: ["team-user-1"]))
        let own = WitnessedSend(server: "S1", send: send(["e2"], account: "user-2", team: "team-user-2", stamps: ["private-team-user-2"]))
        XCTAssertEqual(BoundaryWitness.teamSlugMismatches(in: [stamped, own]).count, 1)
        XCTAssertTrue(BoundaryWitness.teamSlugMismatches(in: [stamped])[0].contains("stamped team_slug team-user-1"))
    }

    func testACredentialIssuedByOneServerAndPresentedToAnotherIsACrossing() {
        let issued = ["S1": [StandInIssuedToken(fingerprint: "sha256:aa", kind: "access", account: "user-1", issuedAt: "t")],
                      "S2": [StandInIssuedToken(fingerprint: "sha256:bb", kind: "access", account: "user-9", issuedAt: "t")]]
        let presented = [
            "S1": [StandInRequestLogEntry(method: "GET", path: "/api/v1/me", status: 200, account: "user-1", time: "t1", tokenFingerprint: "sha256:aa")],
            "S2": [StandInRequestLogEntry(method: "POST", path: "/api/v1/events/batch/", status: 401, account: nil, time: "t2", tokenFingerprint: "sha256:aa"),
                   StandInRequestLogEntry(method: "GET", path: "/api/v1/me", status: 200, account: "user-9", time: "t3", tokenFingerprint: "sha256:bb")],
        ]
        let crossings = BoundaryWitness.crossings(issued: issued, presented: presented)
        XCTAssertEqual(crossings, [CredentialCrossing(fingerprint: "sha256:aa", issuer: "S1", kind: "access", issuedTo: "user-1",
                                                      presentedTo: "S2", request: "POST /api/v1/events/batch/", status: 401, time: "t2")])
    }

    func testTheVerdictNamesTheMostSpecificModeAndEveryFinding() throws {
        let leak = IdentityLeak(recordedUnder: alice, sentTo: SendIdentity(server: "S1", account: "user-2", team: "team-user-2"),
                                eventIDs: ["e1"], kind: "batch", answer: "accepted (HTTP 200)", receivedAt: "t")
        let crossing = CredentialCrossing(fingerprint: "sha256:aa", issuer: "S1", kind: "access", issuedTo: "user-1",
                                          presentedTo: "S2", request: "POST /api/v1/events/batch/", status: 401, time: "t")
        let outcomes = [
            IdentitySwitchOutcome(change: .account, syncedFirst: false, leaks: [leak]),
            IdentitySwitchOutcome(change: .server, syncedFirst: false, crossings: [crossing]),
            IdentitySwitchOutcome(change: .team, syncedFirst: false),
        ]
        let armA = ScenarioFailure(.cliCommandFailed, "sync now: journal payload document has an unsupported encoding")
        let verdict = try XCTUnwrap(LegacyQueueRowMigrationFlow.verdict(armA: armA, armB: outcomes))
        XCTAssertEqual(verdict.mode, .boundaryForeignRowsLeaked)
        XCTAssertTrue(verdict.details.contains("arm A (legacy rows): cli.command_failed"), verdict.details)
        XCTAssertTrue(verdict.details.contains("arm B account: 1 event(s) recorded under S1 account user-1"), verdict.details)
        XCTAssertTrue(verdict.details.contains("arm B server: credential crossed: S1's access token sha256:aa"), verdict.details)
        XCTAssertTrue(verdict.details.contains("held: arm B team"), verdict.details)
        XCTAssertEqual(LegacyQueueRowMigrationFlow.verdict(armA: nil, armB: [outcomes[1]])?.mode, .boundaryCredentialCrossed)
        XCTAssertNil(LegacyQueueRowMigrationFlow.verdict(armA: nil, armB: [outcomes[2]]))
    }

    func testTheSecondIdentitysOwnEventsAreDeliveredOrRefusedNamingTheBoundary() {
        let bob = SendIdentity(server: "S1", account: "user-2", team: "team-user-2")
        let delivered = [WitnessedSend(server: "S1", send: send(["own"], account: "user-2", team: "team-user-2"))]
        let exit0 = CommandResult(argv: ["spec-kitty", "sync", "now"], termination: .exited(0))
        XCTAssertNil(IdentitySwitchFlow.ownEventsProblem(["own"], of: bob, sends: delivered, syncNow: exit0))
        XCTAssertEqual(IdentitySwitchFlow.ownEventsProblem(["own"], of: bob, sends: [], syncNow: exit0)?.mode, .saasNotMaterialized)

        let refusedNaming = CommandResult(argv: ["spec-kitty", "sync", "now"], termination: .exited(1),
                                          stdout: Data("Event sync unavailable: event-sync local authenticated account does not match admitted delivery target\n".utf8))
        XCTAssertNil(IdentitySwitchFlow.ownEventsProblem(["own"], of: bob, sends: [], syncNow: refusedNaming))
        let refusedSilently = CommandResult(argv: ["spec-kitty", "sync", "now"], termination: .exited(1), stdout: Data("Event sync (TEAMSPACE): transient 1\n".utf8))
        XCTAssertEqual(IdentitySwitchFlow.ownEventsProblem(["own"], of: bob, sends: [], syncNow: refusedSilently)?.mode, .cliCommandFailed)
    }
}
