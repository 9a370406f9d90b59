import CanaryCore
@testable import SaaSStandIn
import XCTest

/// The allowance table: pure adaptations, each row with its evidence.
final class ValidationAllowanceTests: XCTestCase {
    func testTheTableHoldsTheLegacyBuildRowsEachWithItsEvidence() {
        XCTAssertEqual(ValidationAllowance.table.map(\.eventType), ["BuildRegistered", "BuildHeartbeat"])
        for row in ValidationAllowance.table {
            XCTAssertTrue(row.evidence.contains("specify_cli/sync/emitter.py"), row.eventType)
            XCTAssertTrue(row.evidence.contains("Phase 3 SaaS adapter"), row.eventType)
        }
    }

    func testLegacyBuildPayloadBecomesTheCanonicalOneAndTheEnvelopeKeepsItsKeys() {
        let legacy = SampleEnvelope.buildRegistered(eventID: "b1")
        let adapted = ValidationAllowance.adapt(legacy)
        XCTAssertEqual(adapted["payload"], .object(sortingKeys: [
            "git_branch": .string("feature/canary"),
            "head_commit_sha": .string("750e3970543f72313211727428a2964acf00d13b"),
            "repo_slug": .null,
        ]))
        XCTAssertEqual(adapted.members?.map(\.key), legacy.members?.map(\.key), "top-level keys are the profile's business")
        XCTAssertEqual(adapted["event_type"], .string("BuildRegistered"))
    }

    func testALegacyNullBranchIsUnsetNotAnEmptyCanonicalField() {
        let adapted = ValidationAllowance.adapt(SampleEnvelope.buildRegistered(eventID: "b2", branch: .null))
        XCTAssertNil(adapted["payload"]?["git_branch"])
    }

    func testEnvelopesWithoutARowAreUntouched() {
        let status = SampleEnvelope.wpStatusChanged(eventID: "s1")
        XCTAssertEqual(ValidationAllowance.adapt(status), status)
        XCTAssertEqual(ValidationAllowance.adapt(.string("x")), .string("x"))
        XCTAssertNil(ValidationAllowance.row(for: status))
    }
}
