import CanaryCore
import CanaryTestSupport
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
            .unsupported(version: "4.0.0rc7", reason: Self.unsupported40),
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
        XCTAssertNil(try MatrixOptions.parse(["3.2.7"]).jobs, "unset: CANARY_JOBS decides")
        XCTAssertThrowsError(try MatrixOptions.parse(["3.2.7", "--jobs", "17"]))
        XCTAssertThrowsError(try MatrixOptions.parse(["3.2.7", "--profile"]))
        XCTAssertThrowsError(try MatrixOptions.parse(["3.2.7", "--bogus"]))
    }

    func testOptionsTakeTheEqualsSpellingAndNameTheirMistakes() throws {
        let options = try MatrixOptions.parse(["--profile=instant", "--out=x", "--jobs=3", "--scratch-path=.build/m", "3.2.7"])
        XCTAssertEqual(options.profile, "instant")
        XCTAssertEqual(options.outputDirectory, "x")
        XCTAssertEqual(options.jobs, 3)
        XCTAssertEqual(options.scratchPath, ".build/m")
        XCTAssertThrowsError(try MatrixOptions.parse(["3.2.7", "--jobs=17"])) { error in
            XCTAssertEqual("\(error)", "--jobs '17': expected a number from 1 to 16")
        }
        XCTAssertThrowsError(try MatrixOptions.parse(["latest"])) { error in
            XCTAssertEqual("\(error)", "\(MatrixError.invalidVersion("latest"))")
        }
        XCTAssertThrowsError(try MatrixOptions.parse([])) { XCTAssertEqual($0 as? UsageError, .missingArgument("V")) }
        XCTAssertTrue(try MatrixOptions.parse(["--help"]).help, "help needs no version")
        XCTAssertTrue(MatrixOptions.usage.contains("--jobs N"))
    }

    func testListAndMergeAreModesOfTheSameParser() throws {
        XCTAssertEqual(try MatrixOptions.parse(["3.2.7"]).mode, .run)
        let list = try MatrixOptions.parse(["--list", "--line=3.2", "--newest-rc"])
        XCTAssertEqual(list.mode, .list(line: "3.2", newestReleaseCandidate: true))
        XCTAssertEqual(list.versions, [], "--list without versions asks the index")
        XCTAssertEqual(try MatrixOptions.parse(["--list", "3.2.7,4.0.0rc7"]).versions.map(\.description), ["3.2.7", "4.0.0rc7"])
        let merge = try MatrixOptions.parse(["--merge", "columns/3.2.7", "c/4.0.0rc7", "--out", "m", "--expect=3.2.7,4.0.0rc7", "--expect", "3.2.0"])
        XCTAssertEqual(merge.mode, .merge(columnDirectories: ["columns/3.2.7", "c/4.0.0rc7"],
                                          expected: try ["3.2.7", "4.0.0rc7", "3.2.0"].map { try SpecKittyVersion($0) }))
        XCTAssertEqual(merge.outputDirectory, "m")
        XCTAssertEqual(try MatrixOptions.parse(["--merge", "--out=m", "--expect", "3.2.7"]).mode,
                       .merge(columnDirectories: [], expected: [try SpecKittyVersion("3.2.7")]), "every column may be missing")
    }

    func testOptionsOutsideTheirModeAreRefusedByName() {
        func refusal(_ arguments: [String]) -> String? {
            do { _ = try MatrixOptions.parse(arguments); return nil } catch { return "\(error)" }
        }
        XCTAssertEqual(refusal(["--list", "--merge", "--out=m", "x"]), "--list and --merge are two commands: give one")
        XCTAssertEqual(refusal(["3.2.7", "--line", "3.2"]), "--line applies only to --list")
        XCTAssertEqual(refusal(["3.2.7", "--expect", "3.2.7"]), "--expect applies only to --merge")
        XCTAssertEqual(refusal(["--list", "--out", "x"]), "--out applies only to a run, not --list")
        XCTAssertEqual(refusal(["--merge", "--out", "m", "--jobs=2", "c/3.2.7"]), "--jobs applies only to a run, not --merge")
        XCTAssertEqual(refusal(["--merge", "c/3.2.7"]), "--merge needs --out DIR (where matrix.json and matrix.md go)")
        XCTAssertEqual(refusal(["--merge", "--out", "m"]), "COLUMN_DIR is required")
        XCTAssertEqual(refusal(["--merge", "--out", "m", "--expect", "latest", "c/3.2.7"]), "\(MatrixError.invalidVersion("latest"))")
        XCTAssertEqual(refusal(["--list", "--newest-rc=yes"]), "--newest-rc 'yes': takes no value")
    }

    func testTheListIsOneLineOfJSON() throws {
        XCTAssertEqual(MatrixVersionList.json(try MatrixVersionList.parse(["3.2.0rc13", "3.2.7"])), #"["3.2.0rc13","3.2.7"]"#)
        XCTAssertEqual(MatrixVersionList.json([]), "[]")
    }

    // MARK: Unsupported CLIs

    /// What the protocol script's preflight says of 4.0.0rc7, after `cli.unsupported: `.
    static let unsupported40 = "spec-kitty-cli 4.0.0rc7 has no 'auth' command; the identity-boundary canary does not apply"

    func testACLIWithoutAuthOrSyncIsUnsupportedInEveryCell() throws {
        // The matrix runs the protocol script; its preflight is the one judge of the sync surface.
        let summary = "canary: preflight failed: cli.unsupported: \(Self.unsupported40)"
        let reason = try XCTUnwrap(MatrixColumn.unsupportedReason(inScriptSummary: summary))
        XCTAssertEqual(reason, Self.unsupported40)
        let column = MatrixColumn.unsupported(version: "4.0.0rc7", reason: reason)
        XCTAssertEqual(column.cells.map(\.verdict), Array(repeating: "cli.unsupported", count: 4))
        XCTAssertEqual(column.cells.map(\.scenario), ScenarioID.allCases)
        XCTAssertEqual(column.source, .unsupported)
    }

    func testAnyOtherPreflightRefusalIsNotUnsupported() {
        XCTAssertNil(MatrixColumn.unsupportedReason(inScriptSummary: "canary: preflight failed: harness.host_not_isolated: sync daemon(s) ..."))
        XCTAssertNil(MatrixColumn.unsupportedReason(inScriptSummary: "canary: preflight failed: cli.unsupported: "))
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

    func testTheWorkerBudgetPutsVersionsSideBySideFirstAndSharesTheRestAsScenarioWidth() {
        XCTAssertEqual(MatrixWorkerBudget(workers: 4, versions: 1), MatrixWorkerBudget(versionsAtOnce: 1, scenariosPerVersion: 4))
        XCTAssertEqual(MatrixWorkerBudget(workers: 4, versions: 2), MatrixWorkerBudget(versionsAtOnce: 2, scenariosPerVersion: 2))
        XCTAssertEqual(MatrixWorkerBudget(workers: 4, versions: 9), MatrixWorkerBudget(versionsAtOnce: 4, scenariosPerVersion: 1))
        XCTAssertEqual(MatrixWorkerBudget(workers: 16, versions: 2), MatrixWorkerBudget(versionsAtOnce: 2, scenariosPerVersion: 4))
        XCTAssertEqual(MatrixWorkerBudget(workers: 1, versions: 3), MatrixWorkerBudget(versionsAtOnce: 1, scenariosPerVersion: 1))
        XCTAssertEqual(MatrixWorkerBudget(workers: 3, versions: 2), MatrixWorkerBudget(versionsAtOnce: 2, scenariosPerVersion: 1))
    }
}
