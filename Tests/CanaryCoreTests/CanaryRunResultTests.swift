import CanaryCore
import CanaryTestSupport
import Foundation
import XCTest

final class CanaryRunResultTests: XCTestCase {
    func testOutcomeIsPassIffEveryScenarioInTheDocumentPasses() throws {
        XCTAssertEqual(try RunDocumentFixtures.run().outcome, .pass)
        let oneFails = ScenarioID.allCases.map { RunDocumentFixtures.scenario($0, passing: $0 != .daemonOwnerMismatchRefusal) }
        XCTAssertEqual(try RunDocumentFixtures.run(scenarios: oneFails).outcome, .fail)
        let three = try RunDocumentFixtures.run(scenarios: [1, 2, 4].map { RunDocumentFixtures.scenario(ScenarioID(rawValue: $0)!) })
        XCTAssertEqual(three.outcome, .pass, "the seed's invariant holds over the scenarios that ran")
        XCTAssertTrue(three.partial, "and the document says it is partial")
        let threeOneFailing = try RunDocumentFixtures.run(scenarios: [1, 2, 4].map { RunDocumentFixtures.scenario(ScenarioID(rawValue: $0)!, passing: $0 != 2) })
        XCTAssertEqual(threeOneFailing.outcome, .fail)
    }

    func testRunNumberMustBeOneToFour() {
        for bad in [0, 5, -1] {
            XCTAssertThrowsError(try RunDocumentFixtures.run(runNumber: bad)) { error in
                XCTAssertEqual(error as? RunDocumentError, .invalidField("run_number", reason: "\(bad) is outside 1...4"))
            }
        }
        for good in 1 ... 4 { XCTAssertNoThrow(try RunDocumentFixtures.run(runNumber: good)) }
    }

    func testScenarioIDsMustBeUnique() {
        let twice = [RunDocumentFixtures.scenario(.freshAuthenticatedMission), RunDocumentFixtures.scenario(.freshAuthenticatedMission)]
        XCTAssertThrowsError(try RunDocumentFixtures.run(scenarios: twice))
    }

    func testScenariosAreOrderedByID() throws {
        let shuffled = [4, 2, 3, 1].map { RunDocumentFixtures.scenario(ScenarioID(rawValue: $0)!) }
        XCTAssertEqual(try RunDocumentFixtures.run(scenarios: shuffled).scenarios.map(\.id.rawValue), [1, 2, 3, 4])
    }

    func testRoundTrip() throws {
        let run = try RunDocumentFixtures.run(scenarios: ScenarioID.allCases.map { RunDocumentFixtures.scenario($0, passing: $0 != .reviewRejectionForceRequiredContract) })
        XCTAssertEqual(try RunDocumentCoding.decodeRun(RunDocumentCoding.encode(run)), run)
    }

    func testGoldenFieldOrder() throws {
        let text = try XCTUnwrap(String(data: RunDocumentCoding.encode(RunDocumentFixtures.run()), encoding: .utf8))
        let topLevel = text.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map { $0.split(separator: "\"")[1] }
        XCTAssertEqual(topLevel, [
            "outcome", "run_id", "run_number", "cli_version", "events_package_version", "timestamp", "scenarios",
            "partial", "started_at", "finished_at", "saas_url", "target_environment", "server_profile",
            "evidence_path", "host", "harness_version",
        ])
        let scenarioKeys = text.split(separator: "\n").filter { $0.hasPrefix("      \"") }.prefix(10).map { $0.split(separator: "\"")[1] }
        XCTAssertEqual(Array(scenarioKeys), [
            "id", "name", "status", "failure_mode", "details", "started_at", "finished_at", "duration_seconds",
            "boundary_evidence", "commands",
        ])
        XCTAssertTrue(text.contains(#""failure_mode" : null"#), "a passing scenario states its null failure mode")
        XCTAssertTrue(text.contains(#""name" : "Review Rejection Force-Required Contract""#))
    }

    func testDecodingRejectsAnOutcomeThatContradictsTheScenarios() throws {
        let data = try RunDocumentFixtures.editedJSON { $0["outcome"] = "fail" }
        XCTAssertThrowsError(try RunDocumentCoding.decodeRun(data)) { error in
            guard case .invalidField("outcome", _)? = error as? RunDocumentError else { return XCTFail("\(error)") }
        }
    }

    func testDecodingNamesTheMissingField() throws {
        let data = try RunDocumentFixtures.editedJSON { $0.removeValue(forKey: "cli_version") }
        XCTAssertThrowsError(try RunDocumentCoding.decodeRun(data)) { error in
            XCTAssertEqual(error as? RunDocumentError, .malformedField("cli_version", reason: "missing"))
        }
    }

    func testDecodingNamesAWronglyTypedNestedField() throws {
        let data = try RunDocumentFixtures.editedJSON { object in
            var scenarios = object["scenarios"] as! [[String: Any]]
            scenarios[2]["duration_seconds"] = "slow"
            object["scenarios"] = scenarios
        }
        XCTAssertThrowsError(try RunDocumentCoding.decodeRun(data)) { error in
            guard case let .malformedField(field, _)? = error as? RunDocumentError else { return XCTFail("\(error)") }
            XCTAssertEqual(field, "scenarios[2].duration_seconds")
        }
    }

    func testDecodingRejectsBadScenarioInvariants() throws {
        let cases: [(String, Any, String)] = [
            ("id", 7, "scenarios[0].id"),
            ("name", "Renamed", "scenarios[0].name"),
            ("failure_mode", "cli.timeout", "scenarios[0].failure_mode"),
        ]
        for (key, value, field) in cases {
            let data = try RunDocumentFixtures.editedJSON { object in
                var scenarios = object["scenarios"] as! [[String: Any]]
                scenarios[0][key] = value
                object["scenarios"] = scenarios
            }
            XCTAssertThrowsError(try RunDocumentCoding.decodeRun(data)) { error in
                guard case let .invalidField(named, _)? = error as? RunDocumentError else { return XCTFail("\(key): \(error)") }
                XCTAssertEqual(named, field)
            }
        }
    }

    func testDecodingRejectsRunNumberAndPartialLies() throws {
        XCTAssertThrowsError(try RunDocumentCoding.decodeRun(RunDocumentFixtures.editedJSON { $0["run_number"] = 9 }))
        XCTAssertThrowsError(try RunDocumentCoding.decodeRun(RunDocumentFixtures.editedJSON { $0["partial"] = true }))
        XCTAssertThrowsError(try RunDocumentCoding.decodeRun(Data("not json".utf8))) { error in
            guard case .notJSON? = error as? RunDocumentError else { return XCTFail("\(error)") }
        }
    }

    func testFailureModesKeepTheirStableIdentifiers() {
        XCTAssertEqual(FailureMode.allCases.count, 19)
        XCTAssertEqual(FailureMode.boundaryCredentialCrossed.rawValue, "boundary.credential_crossed")
        XCTAssertEqual(FailureMode.harnessHostNotIsolated.rawValue, "harness.host_not_isolated")
        XCTAssertEqual(FailureMode.queueRollbackRowMissing.rawValue, "queue.rollback_row_missing")
        XCTAssertEqual(FailureMode(rawValue: "sync.event_loop_unavailable"), .syncEventLoopUnavailable)
    }
}
