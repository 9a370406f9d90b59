import CanaryCore
import CanaryTestSupport
import Foundation
import XCTest

final class ProtocolVerdictTests: XCTestCase {
    private var bundle: URL!

    override func setUpWithError() throws {
        bundle = FileManager.default.temporaryDirectory.appendingPathComponent("verdict-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: bundle.appendingPathComponent("runs"), withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: bundle)
    }

    private func write(_ run: CanaryRunResult) throws {
        try AtomicFile.writeOnce(RunDocumentCoding.encode(run), to: bundle.appendingPathComponent("runs/run-\(run.runNumber).json"))
    }

    func testFourPassingRunsPass() throws {
        for number in 1 ... 4 { try write(RunDocumentFixtures.run(runNumber: number)) }
        let verdict = ProtocolVerdict.read(bundle: bundle, expectedRuns: 4)
        XCTAssertTrue(verdict.passed)
        XCTAssertEqual(verdict.exitCode, 0)
        XCTAssertEqual(verdict.report.last, "canary: 4/4 runs pass (16/16 scenarios) evidence: \(bundle.path)")
    }

    func testTheMarkdownHasTheVerdictAndAScenariosByRunsTable() throws {
        try write(RunDocumentFixtures.run(runNumber: 1))
        let failing = ScenarioID.allCases.map { RunDocumentFixtures.scenario($0, passing: $0 != .reviewRejectionForceRequiredContract) }
        try write(RunDocumentFixtures.run(scenarios: failing, runNumber: 2))
        let markdown = ProtocolVerdictMarkdown.render(ProtocolVerdict.read(bundle: bundle, expectedRuns: 3))
        XCTAssertTrue(markdown.hasPrefix("## FAIL: canary: FAIL 1/3 runs pass"), markdown)
        XCTAssertTrue(markdown.contains("| scenario | run 1 | run 2 | run 3 |\n|---|---|---|---|"), markdown)
        XCTAssertTrue(markdown.contains("| 1 Fresh Authenticated Mission | pass | pass | no run file |"), markdown)
        XCTAssertTrue(markdown.contains("| pass | `queue.rollback_row_missing` | no run file |"), markdown)
        XCTAssertTrue(markdown.contains("- run 2, scenario 4: `queue.rollback_row_missing` latest row for_review -> in_review"), markdown)
        XCTAssertTrue(markdown.contains("- run 3: no verdict: run-3.json was not written"), markdown)
    }

    func testAPartialRunThatPassesNeverPassesTheProtocol() throws {
        try write(RunDocumentFixtures.run(scenarios: [RunDocumentFixtures.scenario(.freshAuthenticatedMission)], runNumber: 1))
        let verdict = ProtocolVerdict.read(bundle: bundle, expectedRuns: 1)
        XCTAssertFalse(verdict.passed)
        XCTAssertEqual(verdict.exitCode, 1)
        XCTAssertTrue(verdict.report.contains { $0.hasPrefix("run 1: pass (1/4 scenarios partial: 1 of 4 ran, which never passes the protocol)") }, "\(verdict.report)")
        XCTAssertEqual(verdict.report.last, "canary: FAIL 0/1 runs pass (1/4 scenarios) evidence: \(bundle.path)")
    }

    func testAFailingScenarioIsNamedWithItsModeAndReason() throws {
        for number in 1 ... 4 {
            let scenarios = ScenarioID.allCases.map { RunDocumentFixtures.scenario($0, passing: !(number == 3 && $0 == .reviewRejectionForceRequiredContract)) }
            try write(RunDocumentFixtures.run(scenarios: scenarios, runNumber: number))
        }
        let verdict = ProtocolVerdict.read(bundle: bundle, expectedRuns: 4)
        XCTAssertEqual(verdict.exitCode, 1)
        XCTAssertTrue(verdict.report.contains(
            "  scenario 4 Review Rejection Force-Required Contract: queue.rollback_row_missing: latest row for_review -> in_review"), "\(verdict.report)")
        XCTAssertEqual(verdict.report.last, "canary: FAIL 3/4 runs pass (15/16 scenarios) evidence: \(bundle.path)")
    }

    func testAMissingOrCorruptRunFileIsNoVerdict() throws {
        try write(RunDocumentFixtures.run(runNumber: 1))
        try Data("{\"outcome\": \"pass\"}".utf8).write(to: bundle.appendingPathComponent("runs/run-2.json"))
        let verdict = ProtocolVerdict.read(bundle: bundle, expectedRuns: 3)
        XCTAssertFalse(verdict.passed, "a run file claiming pass without scenarios is not believed")
        XCTAssertTrue(verdict.report.contains { $0.hasPrefix("run 2: no verdict: run-2.json") })
        XCTAssertTrue(verdict.report.contains("run 3: no verdict: run-3.json was not written"))
    }

    func testOverheadComparesScenarioTimeWithCLITime() throws {
        let start = RunDocumentFixtures.start
        let scenario = ScenarioResult.passed(.freshAuthenticatedMission, startedAt: start, finishedAt: start.addingTimeInterval(10),
                                             commands: [.init(argv: ["spec-kitty"], exitCode: 0, seconds: 8)])
        let run = try RunDocumentFixtures.run(scenarios: [scenario])
        XCTAssertTrue(ProtocolVerdict.overhead(of: run).contains("scenarios/CLI 1.250"), ProtocolVerdict.overhead(of: run))
    }
}
