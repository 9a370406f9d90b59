import CanaryCore
@testable import SaaSStandIn
import XCTest

final class IngestRulesTests: XCTestCase {
    func testConformingEnvelopePassesTheAllowList() {
        XCTAssertNil(EnvelopeKeyAllowList.violation(in: [SampleEnvelope.wpStatusChanged(eventID: "e1")]))
    }

    func testTopLevelActorIsRefusedWithJsonschemasMessage() {
        let leaky = SampleEnvelope.wpStatusChanged(eventID: "e1", extraTopLevel: ["actor": .string("claude")])
        XCTAssertEqual(EnvelopeKeyAllowList.violation(in: [SampleEnvelope.wpStatusChanged(eventID: "e0"), leaky]),
                       "Additional properties are not allowed ('actor' was unexpected)")
        let lanes = SampleEnvelope.wpStatusChanged(eventID: "e2", extraTopLevel: ["to_lane": .string("done"), "actor": .null])
        XCTAssertEqual(EnvelopeKeyAllowList.violation(in: [lanes]),
                       "Additional properties are not allowed ('actor', 'to_lane' were unexpected)")
    }

    func testDecisionTable() {
        let instant = StandInProfile.instant, deployed = StandInProfile.deployedDev202605
        XCTAssertEqual(EventOutcome.decide(eventID: "e", isObject: true, alreadyAccepted: false, profile: instant, forcedRejection: nil), .accept(status: "success"))
        XCTAssertEqual(EventOutcome.decide(eventID: "e", isObject: true, alreadyAccepted: false, profile: deployed, forcedRejection: nil), .accept(status: "queued"))
        XCTAssertEqual(EventOutcome.decide(eventID: "e", isObject: true, alreadyAccepted: true, profile: deployed, forcedRejection: nil), .duplicate)
        XCTAssertEqual(EventOutcome.decide(eventID: "e", isObject: true, alreadyAccepted: true, profile: instant, forcedRejection: ("c", "m")),
                       .reject(category: "c", message: "m"))
        XCTAssertEqual(EventOutcome.decide(eventID: nil, isObject: true, alreadyAccepted: false, profile: instant, forcedRejection: nil),
                       .reject(category: "validation", message: "event_id is required"))
        XCTAssertEqual(EventOutcome.decide(eventID: nil, isObject: false, alreadyAccepted: false, profile: instant, forcedRejection: nil),
                       .reject(category: "validation", message: "event must be a JSON object"))
    }

    func testIntakeStateMapping() {
        XCTAssertEqual(IntakeState.forRejection(category: "business_rule"), .businessRuleRejected)
        XCTAssertEqual(IntakeState.forRejection(category: "infrastructure"), .terminalFailed)
        XCTAssertEqual(IntakeState.forRejection(category: "project_not_admitted"), .retryable)
    }

    func testEnvelopeFacts() {
        let facts = EnvelopeFacts(SampleEnvelope.wpStatusChanged(eventID: "e1", projectUUID: "p", missionSlug: "m", wpID: "WP07", force: true))
        XCTAssertEqual(facts.eventID, "e1")
        XCTAssertEqual(facts.eventType, "WPStatusChanged")
        XCTAssertEqual(facts.projectUUID, "p")
        XCTAssertEqual(facts.missionSlug, "m")
        XCTAssertEqual(facts.workPackageID, "WP07")
        XCTAssertTrue(facts.force)
        let dossier: JSONValue = .object(sortingKeys: ["event_id": .string("d"), "payload": .object(sortingKeys: ["namespace": .object(sortingKeys: ["mission_slug": .string("n")])])])
        XCTAssertEqual(EnvelopeFacts(dossier).missionSlug, "n")
    }

    func testFaultJSONRoundTripsAndRefusesUnknownKinds() throws {
        let faults: [BatchFault] = [.reject(category: "business_rule", message: "no"), .payloadTooLarge, .serverError, .closeConnection,
                                    .delay(milliseconds: 5), .protocolMismatch(errorCode: "client-too-old", description: "d", upgradeGuidance: "g")]
        for fault in faults {
            let pending = PendingFault(fault: fault, account: "user-1", remaining: 2)
            XCTAssertEqual(try JSONDecoder().decode(PendingFault.self, from: JSONEncoder().encode(pending)), pending)
        }
        XCTAssertEqual(try JSONDecoder().decode(PendingFault.self, from: Data(#"{"kind":"http_500","account":"user-1","count":3}"#.utf8)).remaining, 3)
        XCTAssertThrowsError(try JSONDecoder().decode(PendingFault.self, from: Data(#"{"kind":"http_500","count":3}"#.utf8)),
                             "a fault names the account it applies to")
        XCTAssertThrowsError(try JSONDecoder().decode(PendingFault.self, from: Data(#"{"kind":"explode","account":"user-1"}"#.utf8)))
        XCTAssertThrowsError(try JSONDecoder().decode(PendingFault.self, from: Data(#"{"kind":"close","account":"user-1","count":0}"#.utf8)))
    }

    func testFormEncodingRoundTrip() {
        let text = FormURLEncoded.encode([("grant_type", "urn:ietf:params:oauth:grant-type:device_code"), ("a b", "c&d=é")])
        XCTAssertEqual(text, "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&a%20b=c%26d%3D%C3%A9")
        XCTAssertEqual(FormURLEncoded.parse(text), ["grant_type": "urn:ietf:params:oauth:grant-type:device_code", "a b": "c&d=é"])
    }
}
