import CanaryCore
import Foundation
@testable import SaaSStandIn
import XCTest

/// The send witness keeps every batch and push as it crossed the wire: accepted, refused by a fault,
/// by authentication or by a broken body, with the credential's fingerprint, known or not.
final class StandInSendWitnessTests: StandInTestCase {
    private var server: StandInServer!
    private var client: StandInClient!
    private var account: StandInAccount!
    private var token: String!

    override func setUpWithError() throws {
        (server, client, account, token) = try startLoggedIn()
    }

    func testAnAcceptedBatchIsASendWithItsIdsTeamsAndKnownCredential() throws {
        _ = try client.sendBatch([SampleEnvelope.wpStatusChanged(eventID: "a1"), SampleEnvelope.wpStatusChanged(eventID: "a2")], accessToken: token)
        let send = try XCTUnwrap(try client.sends().last)
        XCTAssertEqual(send.kind, .batch)
        XCTAssertEqual(send.eventIDs, ["a1", "a2"])
        XCTAssertEqual(send.account, account.userID)
        XCTAssertEqual(send.accountTeamSlug, account.team.slug)
        XCTAssertEqual(send.tokenFingerprint, TokenFingerprint.of(token))
        XCTAssertTrue(send.tokenKnown)
        XCTAssertEqual(send.outcome, "accepted")
        XCTAssertEqual(send.httpStatus, 200)
        XCTAssertEqual(send.teamSlugs.count, 2)
    }

    func testABatchRefusedByAFaultIsStillASend() throws {
        try client.injectFault(.serverError, account: account.userID)
        XCTAssertEqual(try client.sendBatch([SampleEnvelope.wpStatusChanged(eventID: "f1")], accessToken: token).status, 500)
        let send = try XCTUnwrap(try client.sends(account: account.userID).last)
        XCTAssertEqual(send.eventIDs, ["f1"], "the body is read even though the handler never decoded it")
        XCTAssertEqual(send.outcome, "refused")
        XCTAssertEqual(send.httpStatus, 500)
        XCTAssertEqual(try client.envelopes(account: account.userID).count, 0, "nothing was accepted")
    }

    func testAnUnknownCredentialIsFingerprintedAndItsEventsKept() throws {
        let foreign = "sk_at_issued_by_another_server"
        XCTAssertEqual(try client.sendBatch([SampleEnvelope.wpStatusChanged(eventID: "x1")], accessToken: foreign).status, 401)
        let send = try XCTUnwrap(try client.sends().last)
        XCTAssertNil(send.account)
        XCTAssertFalse(send.tokenKnown)
        XCTAssertEqual(send.tokenFingerprint, TokenFingerprint.of(foreign))
        XCTAssertEqual(send.eventIDs, ["x1"])
        XCTAssertEqual(send.outcome, "refused")
        XCTAssertEqual(try client.requestLog().last?.tokenFingerprint, TokenFingerprint.of(foreign))
        XCTAssertFalse(try client.issuedTokens().map(\.fingerprint).contains(TokenFingerprint.of(foreign)))
    }

    func testARevokedCredentialStillAttributesTheSendToItsAccount() throws {
        let tokens = try client.deviceLogin(account: account.userID)
        let revoke = try rawClient(server).send(HTTPRequest(
            method: "POST", target: "/oauth/revoke", headers: HTTPHeaders([("Content-Type", "application/x-www-form-urlencoded")]),
            body: Data(FormURLEncoded.encode([("token", tokens.refreshToken)]).utf8)))
        XCTAssertEqual(revoke.status, 200)
        XCTAssertEqual(try client.requestLog().last?.tokenFingerprint, TokenFingerprint.of(tokens.refreshToken),
                       "a credential in the body is fingerprinted too")
        XCTAssertEqual(try client.sendBatch([SampleEnvelope.wpStatusChanged(eventID: "r1")], accessToken: tokens.accessToken).status, 401)
        let send = try XCTUnwrap(try client.sends().last)
        XCTAssertEqual(send.account, account.userID)
        XCTAssertTrue(send.tokenKnown)
        XCTAssertEqual(send.outcome, "refused")
    }

    func testIssuedTokensAreListedByFingerprintOnly() throws {
        let issued = try client.issuedTokens()
        XCTAssertTrue(issued.contains { $0.fingerprint == TokenFingerprint.of(token) && $0.kind == "access" && $0.account == account.userID })
        let body = try XCTUnwrap(String(data: JSONCoding.encode(issued), encoding: .utf8))
        XCTAssertFalse(body.contains(token), "the witness never hands out a credential")
    }

    func testATeamSwitchKeepsTheAccountAndListsTheEarlierTeam() throws {
        let switched = try client.switchTeam(account: account.userID)
        XCTAssertEqual(switched.userID, account.userID)
        XCTAssertNotEqual(switched.team.slug, account.team.slug)
        _ = try client.sendBatch([SampleEnvelope.wpStatusChanged(eventID: "t1")], accessToken: token)
        XCTAssertEqual(try client.sends().last?.accountTeamSlug, switched.team.slug, "the team at the time of the send")
        let me = try rawClient(server).send(HTTPRequest(method: "GET", target: "/api/v1/me", headers: HTTPHeaders([("Authorization", "Bearer \(token!)")])))
        let teams = try JSONValue.parseWire(me.body)["teams"]?.arrayValue ?? []
        XCTAssertEqual(teams.first?["slug"]?.stringValue, switched.team.slug)
        XCTAssertEqual(teams.first?["is_private_teamspace"], .bool(true))
        XCTAssertEqual(teams.dropFirst().first?["slug"]?.stringValue, account.team.slug)
        XCTAssertEqual(teams.dropFirst().first?["is_private_teamspace"], .bool(false))
    }

    func testAVersionOneStoreIsMigratedInPlace() throws {
        let directory = try temporaryDirectory()
        let path = directory.appendingPathComponent("v1.sqlite3").path
        let database = try SQLiteDatabase(url: URL(fileURLWithPath: path), mode: .create)
        let version1 = StoreSchema.statements
            .replacingOccurrences(of: ", token_fingerprint TEXT);", with: ");")
            .components(separatedBy: "CREATE TABLE sends(").first ?? ""
        try database.execute(version1)
        try database.execute("PRAGMA user_version = 1")
        let store = try StandInStore(path: path, historicalRows: 0)
        try store.logRequest(method: "GET", path: "/x", status: 200, accountID: nil, tokenFingerprint: "sha256:00")
        XCTAssertEqual(try store.requestLog(account: nil).items.last?.tokenFingerprint, "sha256:00")
        XCTAssertEqual(try store.sends(account: nil).items, [])
    }
}
