import CanaryCore
@testable import SaaSStandIn
import XCTest

/// The `deployed-dev-2026-05` profile: queued answers and strict ingress.
final class StandInProfileTests: StandInTestCase {
    func testDeployedDevQueuesNewEventsAndRefusesTopLevelActorWhole() throws {
        let server = try startServer(StandInConfiguration(profile: .deployedDev202605))
        let client = server.client()
        let account = try client.createAccount()
        let token = try client.deviceLogin(account: account.userID).accessToken
        XCTAssertEqual(try client.health()["environment"], .string("standin-deployed-dev-2026-05"))

        let conforming = SampleEnvelope.wpStatusChanged(eventID: "q1")
        XCTAssertEqual(try client.sendBatch([conforming], accessToken: token).results.map(\.status), ["queued"])
        XCTAssertEqual(try client.sendBatch([conforming], accessToken: token).results.map(\.status), ["duplicate"])

        // What rc13..rc16 sent: a recorded-style WPStatusChanged with `actor` copied to the top level.
        let leaky = SampleEnvelope.wpStatusChanged(eventID: "q2", extraTopLevel: ["actor": .string("claude")])
        let refused = try client.sendBatch([SampleEnvelope.wpStatusChanged(eventID: "q3"), leaky], accessToken: token)
        XCTAssertEqual(refused.status, 400)
        XCTAssertEqual(refused.body, .object(sortingKeys: ["error": .string("Additional properties are not allowed ('actor' was unexpected)")]),
                       "no per-event details: the CLI must bisect")
        XCTAssertEqual(try client.envelopes(account: account.userID).map(\.eventID), ["q1"], "the whole batch was refused, q3 included")
        XCTAssertTrue(try client.receipts(eventID: "q3").isEmpty)
        XCTAssertEqual(try client.envelopes().first?.status, "queued")
        XCTAssertEqual(try client.counts(account: account.userID).syncEventCount, 1)
    }

    func testInstantAcceptsExtraTopLevelKeys() throws {
        let server = try startServer(StandInConfiguration(profile: .instant))
        let client = server.client()
        let token = try client.deviceLogin().accessToken
        let leaky = SampleEnvelope.wpStatusChanged(eventID: "i1", extraTopLevel: ["actor": .string("claude")])
        XCTAssertEqual(try client.sendBatch([leaky], accessToken: token).results.map(\.status), ["success"])
    }
}
