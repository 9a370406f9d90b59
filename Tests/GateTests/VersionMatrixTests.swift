import CanaryCore
import Foundation
import XCTest

/// `canary matrix`'s pure pieces: version lists, cells from run documents, the unsupported preflight, rendering.
final class VersionMatrixTests: XCTestCase {
    private func failing(_ id: ScenarioID, _ mode: FailureMode, _ details: String) -> ScenarioResult {
        .failed(id, mode: mode, details: details, startedAt: RunDocumentFixtures.start,
                finishedAt: RunDocumentFixtures.start.addingTimeInterval(5))
    }

    private func sampleMatrix() throws -> VersionMatrix {
        let green = try RunDocumentFixtures.run()
        let red = try RunDocumentFixtures.run(scenarios: [
            RunDocumentFixtures.scenario(.freshAuthenticatedMission),
            failing(.legacyQueueRowMigration, .syncEventLoopUnavailable,
                    "sync now: `spec-kitty sync now` exit 1; matched 'unknown: 2'\nSynced: 0  Duplicates: 0  Errors: 2\n  unknown: 2\nRemaining in queue: 2 events"),
            RunDocumentFixtures.scenario(.daemonOwnerMismatchRefusal),
            RunDocumentFixtures.scenario(.reviewRejectionForceRequiredContract),
        ])
        return VersionMatrix(profile: "deployed-dev-2026-05", generatedAt: RunDocumentFixtures.start, columns: [
            .from(run: green, version: "3.2.7", durationSeconds: 600),
            .from(run: red, version: "3.2.0rc13"),
            .unsupported(version: "4.0.0rc7", reason: MatrixUnsupportedCheck.reason(version: "4.0.0rc7", probes: ["auth": 2, "sync": 2]) ?? ""),
        ])
    }

    // MARK: Version list

    func testVersionListKeepsOrderDropsRepeatsAndSplitsCommas() throws {
        let versions = try MatrixVersionList.parse(["3.2.0rc13,3.2.7", "3.2.0rc13", "4.0.0rc7"])
        XCTAssertEqual(versions.map(\.description), ["3.2.0rc13", "3.2.7", "4.0.0rc7"])
    }

    func testVersionListRefusesNonVersionsAndNothing() {
        XCTAssertThrowsError(try MatrixVersionList.parse(["3.2.7", "latest"])) { error in
            XCTAssertEqual(error as? MatrixError, .invalidVersion("latest"))
        }
        XCTAssertThrowsError(try MatrixVersionList.parse([])) { error in
            XCTAssertEqual(error as? MatrixError, .noVersions)
        }
    }

    func testOptionsParseProfileOutJobsAndVersions() throws {
        let options = try MatrixOptions.parse(["3.2.7", "--profile", "instant", "--out", "x", "--jobs", "2", "3.2.0", "--skip-build"])
        XCTAssertEqual(options.versions.map(\.description), ["3.2.7", "3.2.0"])
        XCTAssertEqual(options.profile, "instant")
        XCTAssertEqual(options.outputDirectory, "x")
        XCTAssertEqual(options.jobs, 2)
        XCTAssertTrue(options.skipBuild)
        XCTAssertEqual(try MatrixOptions.parse(["3.2.7"]).profile, "deployed-dev-2026-05")
        XCTAssertThrowsError(try MatrixOptions.parse(["3.2.7", "--jobs", "9"]))
        XCTAssertThrowsError(try MatrixOptions.parse(["3.2.7", "--profile"]))
        XCTAssertThrowsError(try MatrixOptions.parse(["3.2.7", "--bogus"]))
    }

    // MARK: Unsupported CLIs

    func testACLIWithoutAuthOrSyncIsUnsupportedInEveryCell() throws {
        let reason = try XCTUnwrap(MatrixUnsupportedCheck.reason(version: "4.0.0rc7", probes: ["auth": 2, "sync": 2]))
        XCTAssertTrue(reason.hasPrefix("cli.unsupported: spec-kitty-cli 4.0.0rc7 has no 'auth' or 'sync' command"), reason)
        let column = MatrixColumn.unsupported(version: "4.0.0rc7", reason: reason)
        XCTAssertEqual(column.cells.map(\.verdict), Array(repeating: "cli.unsupported", count: 4))
        XCTAssertEqual(column.cells.map(\.scenario), ScenarioID.allCases)
        XCTAssertEqual(column.source, .unsupported)
    }

    func testOneMissingSurfaceOrAProbeThatCouldNotRunIsUnsupported() throws {
        XCTAssertNil(MatrixUnsupportedCheck.reason(version: "3.2.7", probes: ["auth": 0, "sync": 0]))
        XCTAssertEqual(MatrixUnsupportedCheck.reason(version: "9.0.0", probes: ["auth": 0, "sync": 2]),
                       "cli.unsupported: spec-kitty-cli 9.0.0 has no 'sync' command; the identity-boundary canary does not apply")
        XCTAssertNotNil(MatrixUnsupportedCheck.reason(version: "9.0.0", probes: ["auth": Int32?(0), "sync": Int32?.none]))
        XCTAssertNotNil(MatrixUnsupportedCheck.reason(version: try SpecKittyVersion("4.0.0rc7")))
        XCTAssertNil(MatrixUnsupportedCheck.reason(version: try SpecKittyVersion("3.2.0rc13")))
    }

    // MARK: Cells and columns

    func testCellsCarryTheModeAndTheFirstLinesOfTheDetails() throws {
        let matrix = try sampleMatrix()
        let red = try XCTUnwrap(matrix.cell(version: "3.2.0rc13", scenario: .legacyQueueRowMigration))
        XCTAssertEqual(red.verdict, "sync.event_loop_unavailable")
        XCTAssertEqual(red.excerpt, "sync now: `spec-kitty sync now` exit 1; matched 'unknown: 2'\nSynced: 0  Duplicates: 0  Errors: 2\nunknown: 2")
        XCTAssertEqual(matrix.cell(version: "3.2.7", scenario: .freshAuthenticatedMission)?.verdict, "pass")
        XCTAssertEqual(matrix.cell(version: "3.2.7", scenario: .freshAuthenticatedMission)?.excerpt, "")
    }

    func testAScenarioMissingFromTheRunIsAHarnessErrorAndAMissingRunFillsEveryCell() throws {
        let partial = try RunDocumentFixtures.run(scenarios: [RunDocumentFixtures.scenario(.freshAuthenticatedMission)])
        let column = MatrixColumn.from(run: partial, version: "3.2.7")
        XCTAssertEqual(column.cells.map(\.verdict), ["pass", "harness.error", "harness.error", "harness.error"])
        let missing = MatrixColumn.missing(version: "3.2.1", reason: "harness: installing spec-kitty-cli==3.2.1 failed (exit 1)")
        XCTAssertEqual(Set(missing.cells.map(\.verdict)), ["harness.error"])
        XCTAssertEqual(missing.passCount, 0)
    }

    // MARK: Rendering

    func testJSONRoundTripsAndIsStable() throws {
        let matrix = try sampleMatrix()
        let data = try matrix.jsonData()
        XCTAssertEqual(try VersionMatrix.parse(data), matrix)
        XCTAssertEqual(try matrix.jsonData(), data)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(object["profile"] as? String, "deployed-dev-2026-05")
        let versions = try XCTUnwrap(object["versions"] as? [[String: Any]])
        XCTAssertEqual(versions.map { $0["version"] as? String }, ["3.2.7", "3.2.0rc13", "4.0.0rc7"])
        let cells = try XCTUnwrap(versions[1]["cells"] as? [[String: Any]])
        XCTAssertEqual(cells[1]["scenario"] as? Int, 2)
        XCTAssertEqual(cells[1]["verdict"] as? String, "sync.event_loop_unavailable")
    }

    func testMarkdownHasTheTableAndEachRedCellInTheCLIsWords() throws {
        let markdown = MatrixMarkdown.render(try sampleMatrix())
        XCTAssertTrue(markdown.contains("| scenario | 3.2.7 | 3.2.0rc13 | 4.0.0rc7 |"), markdown)
        XCTAssertTrue(markdown.contains("| 2 Legacy Queue Row Migration | pass | `sync.event_loop_unavailable` | `cli.unsupported` |"), markdown)
        XCTAssertTrue(markdown.contains("| passed | 4/4 | 3/4 | n/a |"), markdown)
        XCTAssertTrue(markdown.contains("- **3.2.0rc13**, scenario 2 (Legacy Queue Row Migration): `sync.event_loop_unavailable`"), markdown)
        XCTAssertTrue(markdown.contains("        Synced: 0  Duplicates: 0  Errors: 2"), markdown)
        XCTAssertTrue(markdown.contains("- **4.0.0rc7**: every scenario `cli.unsupported`"), markdown)
        XCTAssertFalse(markdown.contains("**3.2.7**,"), "a green column has no failure notes")
    }
}
