import CanaryCore
import Foundation
import XCTest

/// The comparison that keeps the canary honest: false greens, false reds, wrong modes and missing evidence are all named.
final class KnownVerdictsTableTests: XCTestCase {
    private let start = Date(timeIntervalSince1970: 1_790_000_000)
    private let known: [KnownVerdict] = [
        .pass("9.9.9", .freshAuthenticatedMission, "green"),
        .fail("9.9.9", .legacyQueueRowMigration, .boundaryForeignRowsLeaked, evidence: ["arm B account: ", "credential crossed"], "red"),
    ]

    private func run(_ results: [ScenarioResult], version: String = "9.9.9") throws -> CanaryRunResult {
        try CanaryRunResult(runID: ULID.shared.next(), runNumber: 1, cliVersion: version, eventsPackageVersion: "6.1.0",
                            startedAt: start, finishedAt: start, scenarios: results, saasURL: "http://127.0.0.1",
                            targetEnvironment: .standin, serverProfile: nil, evidencePath: "", host: "test")
    }

    private func leak(_ details: String, mode: FailureMode = .boundaryForeignRowsLeaked) -> ScenarioResult {
        .failed(.legacyQueueRowMigration, mode: mode, details: details, startedAt: start, finishedAt: start)
    }

    private let green = ScenarioResult.passed(.freshAuthenticatedMission, startedAt: Date(timeIntervalSince1970: 1_790_000_000),
                                              finishedAt: Date(timeIntervalSince1970: 1_790_000_000))

    func testTheKnownVerdictsMatch() throws {
        XCTAssertEqual(KnownVerdicts.discrepancies(try run([green, leak("arm B account: x\ncredential crossed: y")]), known: known), [])
    }

    func testAFalseGreenIsNamed() throws {
        let passed = ScenarioResult.passed(.legacyQueueRowMigration, startedAt: start, finishedAt: start)
        XCTAssertEqual(KnownVerdicts.discrepancies(try run([green, passed]), known: known),
                       ["scenario 2 on 9.9.9: false green: known boundary.foreign_rows_leaked (red), the canary said pass"])
    }

    func testAFalseRedIsNamed() throws {
        let red = ScenarioResult.failed(.freshAuthenticatedMission, mode: .cliCommandFailed, details: "orphan records 1",
                                        startedAt: start, finishedAt: start)
        let found = KnownVerdicts.discrepancies(try run([red, leak("arm B account: x credential crossed")]), known: known)
        XCTAssertEqual(found, ["scenario 1 on 9.9.9: false red: cli.command_failed: orphan records 1"])
    }

    func testAWrongModeAndMissingEvidenceAreNamed() throws {
        let found = KnownVerdicts.discrepancies(try run([green, leak("arm B account: x", mode: .cliCommandFailed)]), known: known)
        XCTAssertEqual(found, ["scenario 2 on 9.9.9: cli.command_failed where boundary.foreign_rows_leaked is known: arm B account: x",
                               "scenario 2 on 9.9.9: the details do not cite \"credential crossed\""])
    }

    func testAVersionWithoutKnownVerdictsIsNamed() throws {
        XCTAssertEqual(KnownVerdicts.discrepancies(try run([green], version: "0.0.1")).first,
                       "no known verdicts for spec-kitty-cli 0.0.1: measure them and add them to KnownVerdicts.table")
    }

    func testEveryKnownRedCellCitesItsEvidence() {
        for cell in KnownVerdicts.table where cell.failureMode != nil {
            XCTAssertFalse(cell.evidence.isEmpty, "\(cell.version) scenario \(cell.scenario.rawValue)")
            XCTAssertFalse(cell.reason.isEmpty)
        }
    }
}
