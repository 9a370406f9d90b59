import CanaryCore
import Foundation
@testable import SaaSStandIn
import XCTest

/// Each injected fault, and that the server answers normally afterwards.
final class StandInFaultTests: StandInTestCase {
    private var server: StandInServer!
    private var client: StandInClient!
    private var account: StandInAccount!
    private var token: String!

    override func setUpWithError() throws {
        (server, client, account, token) = try startLoggedIn()
    }

    private func send(_ id: String) throws -> StandInBatchAnswer {
        try client.sendBatch([SampleEnvelope.wpStatusChanged(eventID: id)], accessToken: token)
    }

    func testRejectAppliesToTheNextNBatchesWithItsCategory() throws {
        let pending = try client.injectFault(.reject(category: "business_rule", message: "lane refused"), count: 2, account: account.userID)
        XCTAssertEqual(pending, [PendingFault(fault: .reject(category: "business_rule", message: "lane refused"), account: account.userID, remaining: 2)])
        XCTAssertEqual(try send("r1").results, [BatchEventResult(eventID: "r1", status: "rejected", error: "lane refused", errorCategory: "business_rule")])
        XCTAssertEqual(try send("r2").results.map(\.status), ["rejected"])
        XCTAssertEqual(try send("r1").results.map(\.status), ["success"], "a rejected event is accepted when sent again")
        let counts = try client.counts(account: account.userID)
        XCTAssertEqual(counts.batchIntakeBusinessRuleRejected, 1, "r2 stays rejected; r1 was drained")
        XCTAssertEqual(counts.batchIntakeTotal, 2)
        XCTAssertEqual(counts.syncEventCount, 1)
        XCTAssertEqual(try client.readiness().drainQueue?.businessRuleRejectedCount, 22 + 1)
        XCTAssertEqual(try client.pendingFaults(), [])
    }

    func testInfrastructureRejectionMakesReadiness503() throws {
        try client.injectFault(.reject(category: "infrastructure", message: "queue broker down"), account: account.userID)
        XCTAssertEqual(try send("t1").results.map(\.errorCategory), ["infrastructure"])
        let readiness = try client.readiness()
        XCTAssertEqual(readiness.httpStatus, 503)
        XCTAssertEqual(readiness.status, "not_ready")
        XCTAssertEqual(readiness.drainQueue?.terminalFailedCount, 1)
        XCTAssertEqual(try client.counts(account: account.userID).batchIntakeTerminalFailed, 1)
        try client.injectFault(.reject(category: "transient", message: "later"), account: account.userID)
        _ = try send("t2")
        XCTAssertEqual(try client.readiness().drainQueue?.retryableCount, 1)
        XCTAssertNotNil(try client.readiness().drainQueue?.oldestPendingAgeSeconds)
    }

    func testProtocolMismatch412CarriesUpgradeGuidance() throws {
        try client.injectFault(.protocolMismatch(errorCode: "client-too-old", description: "too old", upgradeGuidance: "pip install -U spec-kitty-cli"), account: account.userID)
        let answer = try send("p1")
        XCTAssertEqual(answer.status, 412)
        XCTAssertEqual(answer.body, .object(sortingKeys: ["error_code": .string("client-too-old"), "error_description": .string("too old"),
                                             "sync_protocol": .object(sortingKeys: ["upgrade_guidance": .string("pip install -U spec-kitty-cli")])]))
        XCTAssertEqual(try send("p1").results.map(\.status), ["success"], "nothing was recorded by the refused batch")
    }

    func testPayloadTooLargeAndServerError() throws {
        try client.injectFault(.payloadTooLarge, account: account.userID)
        try client.injectFault(.serverError, account: account.userID)
        XCTAssertEqual(try send("s1").status, 413)
        XCTAssertEqual(try send("s1").status, 500)
        XCTAssertEqual(try send("s1").status, 200)
        let statuses = try client.batchStatuses(account: account.userID)
        XCTAssertEqual(statuses, [413, 500, 200])
    }

    func testDelayHoldsTheAnswer() throws {
        try client.injectFault(.delay(milliseconds: 300), account: account.userID)
        let started = Date()
        XCTAssertEqual(try send("d1").results.map(\.status), ["success"])
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(started), 0.29)
    }

    func testCloseDropsTheConnectionWithoutAnAnswer() throws {
        try client.injectFault(.closeConnection, account: account.userID)
        XCTAssertThrowsError(try send("c1")) { error in
            guard case StandInClientError.transport = error else { return XCTFail("expected a transport error, got \(error)") }
        }
        XCTAssertEqual(try client.requestLog(account: account.userID).last?.status, 0, "logged as unanswered")
        XCTAssertEqual(try send("c1").results.map(\.status), ["success"], "nothing was recorded and the server still answers")
    }

    func testFaultsApplyFirstInFirstOutAndReset() throws {
        try client.injectFault(.serverError, count: 2, account: account.userID)
        try client.injectFault(.payloadTooLarge, account: account.userID)
        XCTAssertEqual(try client.pendingFaults().map(\.remaining), [2, 1])
        XCTAssertEqual(try send("f1").status, 500)
        XCTAssertEqual(try client.pendingFaults().map(\.remaining), [1, 1])
        try client.resetFaults()
        XCTAssertEqual(try client.pendingFaults(), [])
        XCTAssertEqual(try send("f1").status, 200)
        let raw = rawClient(server)
        let bad = try raw.send(adminRequest(server, "POST", "/__standin__/faults", body: Data(#"{"kind":"meteor"}"#.utf8)))
        XCTAssertEqual(bad.status, 400)
    }

    func testFaultsDoNotTouchOtherEndpoints() throws {
        try client.injectFault(.serverError, account: account.userID)
        XCTAssertEqual(try client.health()["status"], .string("ok"))
        XCTAssertEqual(try client.pendingFaults().count, 1)
    }

    func testAFaultHitsOnlyTheAccountItNamesAndAnUnknownAccountIsRefused() throws {
        let other = try client.createAccount()
        let otherToken = try client.deviceLogin(account: other.userID).accessToken
        try client.injectFault(.serverError, count: 2, account: account.userID)
        let otherAnswer = try client.sendBatch([SampleEnvelope.wpStatusChanged(eventID: "o1")], accessToken: otherToken)
        XCTAssertEqual(otherAnswer.status, 200, "another account's batch never meets the fault")
        XCTAssertEqual(try client.pendingFaults().map(\.remaining), [2], "nor uses it up")
        XCTAssertEqual(try send("a1").status, 500)
        XCTAssertEqual(try client.sendBatch([SampleEnvelope.wpStatusChanged(eventID: "a1")], accessToken: "not-a-token").status, 401)
        XCTAssertEqual(try client.pendingFaults().map(\.remaining), [1], "an unauthenticated batch uses up nothing")
        XCTAssertThrowsError(try client.injectFault(.serverError, account: "no-such-user")) { error in
            XCTAssertTrue("\(error)".contains("404"), "\(error)")
        }
    }
}
