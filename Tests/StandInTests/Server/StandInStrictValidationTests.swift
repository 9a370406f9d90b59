import CanaryCore
import Foundation
@testable import SaaSStandIn
import XCTest

/// Strict consumer mode over real HTTP: what the hosted server validates, how it refuses,
/// what it lets through, and what it leaves to the ingress profile.
final class StandInStrictValidationTests: StandInTestCase {
    private func strictServer(_ profile: StandInProfile = .instant) throws -> (StandInServer, StandInClient, String) {
        let configuration = StandInConfiguration(profile: profile, specKittyEventsVersion: "0.0.0-configured",
                                                 payloadValidation: try EventsValidatorFixture.settings())
        let server = try startServer(configuration)
        let client = server.client()
        return (server, client, try client.deviceLogin().accessToken)
    }

    func testHealthReportsTheVersionTheValidatorRuns() throws {
        let (_, client, _) = try strictServer()
        XCTAssertEqual(try client.health()["spec_kitty_events"], .string(PayloadValidation.pinnedEventsVersion))
    }

    func testAConformingEnvelopeIsAccepted() throws {
        let (_, client, token) = try strictServer()
        let rollback = SampleEnvelope.wpStatusChanged(eventID: "ok-2", from: "in_review", to: "planned", force: true)
        XCTAssertEqual(try client.sendBatch([SampleEnvelope.wpStatusChanged(eventID: "ok-1"), rollback], accessToken: token).results.map(\.status),
                       ["success", "success"])
        XCTAssertEqual(try client.envelopes().map(\.eventID), ["ok-1", "ok-2"])
    }

    func testOneNonConformingEnvelopeRefusesTheWholeBatchWithTheValidatorsMessage() throws {
        let (_, client, token) = try strictServer()
        // The hosted server's own words in spec-kitty#2736: an un-forced in_progress -> planned.
        let unforced = SampleEnvelope.wpStatusChanged(eventID: "bad-1", from: "in_progress", to: "planned")
            .replacingPayload("reason", with: .string("move-task: in_progress -> planned"))
        let refused = try client.sendBatch([SampleEnvelope.wpStatusChanged(eventID: "innocent"), unforced], accessToken: token)
        XCTAssertEqual(refused.status, 400)
        XCTAssertEqual(refused.body, .object(sortingKeys: ["error": .string("review-rejection rollback in_progress -> planned requires force=True")]),
                       "no per-event details: the CLI bisects down to the culprit")
        XCTAssertEqual(try client.envelopes(), [], "nothing of a refused batch is stored")
        XCTAssertEqual(try client.receipts(eventID: "innocent"), [])

        let malformed = SampleEnvelope.wpStatusChanged(eventID: "bad-2").replacingPayload("execution_mode", with: .string("code_change"))
        let shape = try client.sendBatch([malformed], accessToken: token)
        XCTAssertEqual(shape.status, 400)
        XCTAssertEqual(shape.body["error"]?.stringValue,
                       "execution_mode: Input should be 'worktree' or 'direct_repo'; $.execution_mode: 'code_change' is not one of ['worktree', 'direct_repo']")

        // The innocent alone, as the CLI's bisection sends it, goes through.
        XCTAssertEqual(try client.sendBatch([SampleEnvelope.wpStatusChanged(eventID: "innocent")], accessToken: token).results.map(\.status), ["success"])
    }

    func testTheLegacyBuildPayloadIsAcceptedThroughItsAllowanceAndNothingElseIsWaived() throws {
        let (_, client, token) = try strictServer(.deployedDev202605)
        XCTAssertEqual(try client.sendBatch([SampleEnvelope.buildRegistered(eventID: "build-1")], accessToken: token).results.map(\.status), ["queued"])
        // The row renames `branch` to the canonical `git_branch`, which must still be valid.
        let broken = try client.sendBatch([SampleEnvelope.buildRegistered(eventID: "build-2", branch: .string(""))], accessToken: token)
        XCTAssertEqual(broken.status, 400)
        XCTAssertTrue(broken.body["error"]?.stringValue?.hasPrefix("git_branch: String should have at least 1 character") == true, "\(broken.body)")
    }

    func testTopLevelEnvelopeKeysAreTheProfilesRuleNotTheValidators() throws {
        let leaky = SampleEnvelope.wpStatusChanged(eventID: "leaky", extraTopLevel: ["actor": .string("claude")])
        let (_, instant, instantToken) = try strictServer(.instant)
        XCTAssertEqual(try instant.sendBatch([leaky], accessToken: instantToken).results.map(\.status), ["success"],
                       "validate_event does not look at top-level keys")
        let (_, deployed, deployedToken) = try strictServer(.deployedDev202605)
        let refused = try deployed.sendBatch([leaky], accessToken: deployedToken)
        XCTAssertEqual(refused.status, 400)
        XCTAssertEqual(refused.body["error"], .string("Additional properties are not allowed ('actor' was unexpected)"))
    }

    func testStoppingTheServerEndsTheValidator() throws {
        let (server, _, _) = try strictServer()
        let helper = try XCTUnwrap(server.payloadValidatorPID)
        server.stop()
        XCTAssertTrue(EventsValidatorFixture.waitUntilGone(helper))
    }

    func testAValidatorThatCannotRunFailsTheStart() throws {
        let missing = PayloadValidation(python: "/nonexistent/python", script: "/nonexistent/events-validator.py")
        let server = try StandInServer(configuration: StandInConfiguration(payloadValidation: missing))
        defer { server.stop() }
        XCTAssertThrowsError(try server.start()) { error in
            guard case .validatorUnavailable(let reason)? = error as? StandInError else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.contains("/nonexistent/python"), reason)
        }
    }
}
