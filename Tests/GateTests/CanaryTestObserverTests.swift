import CanaryCore
import CanaryScenarios
import Foundation
import XCTest

/// Scenario-shaped cases run for real inside the observer tests.
///
/// Their methods lack the `test` prefix so discovery never runs them on their own.
final class ObservedScenarioCase: XCTestCase, ScenarioReporting, @unchecked Sendable {
    var scenario: ScenarioID = .freshAuthenticatedMission
    var boundaryEvidence = BoundaryEvidence()
    var commandRecords: [CommandRecord] = []
    private var pending: FailureMode?

    func takePendingFailureMode() -> FailureMode? {
        defer { pending = nil }
        return pending
    }

    func passes() {
        boundaryEvidence.missionSlug = "canary-mission"
        commandRecords.append(CommandRecord(argv: ["spec-kitty", "sync", "now"], exitCode: 0, seconds: 1.9))
    }

    func failsWithMode() {
        pending = .queueRollbackRowMissing
        XCTFail("latest WPStatusChanged is for_review -> in_review")
    }

    func failsUnclassified() {
        XCTAssertEqual(1, 2)
    }

    func throwsError() throws {
        struct Boom: Error {}
        throw Boom()
    }

    func skips() throws {
        throw XCTSkip("not on this CLI")
    }

    static func make(_ scenario: ScenarioID, _ body: @escaping (ObservedScenarioCase) -> () throws -> Void) -> ObservedScenarioCase {
        let testCase = ObservedScenarioCase(name: "run\(scenario.rawValue)", testClosure: { try body($0 as! ObservedScenarioCase)() })
        testCase.scenario = scenario
        return testCase
    }
}

final class CanaryTestObserverTests: XCTestCase {
    private func observe(_ cases: [ObservedScenarioCase], environment: [String: String] = ["CANARY_RUN_NUMBER": "3"])
        -> (observer: CanaryTestObserver, sink: MemoryRunSink, output: [String])
    {
        let sink = MemoryRunSink()
        var lines: [String] = []
        var metadata = RunMetadata()
        metadata.cliVersion = "3.2.7"
        metadata.saasURL = "http://127.0.0.1:1"
        let observer = CanaryTestObserver(environment: environment, metadata: { metadata }, sink: sink, output: { lines.append($0) })
        XCTestObservationCenter.shared.addTestObserver(observer)
        for testCase in cases { testCase.run() }
        XCTestObservationCenter.shared.removeTestObserver(observer)
        XCTAssertNoThrow(try observer.writeRunFiles())
        return (observer, sink, lines)
    }

    func testFourRealCasesProduceTheExpectedDocument() throws {
        let (_, sink, output) = observe([
            .make(.freshAuthenticatedMission) { $0.passes },
            .make(.legacyQueueRowMigration) { $0.throwsError },
            .make(.daemonOwnerMismatchRefusal) { $0.skips },
            .make(.reviewRejectionForceRequiredContract) { $0.failsWithMode },
        ])
        let json = try XCTUnwrap(sink.files["run-3.json"])
        let run = try RunDocumentCoding.decodeRun(json)
        XCTAssertEqual(run.runNumber, 3)
        XCTAssertEqual(run.outcome, .fail)
        XCTAssertFalse(run.partial)
        XCTAssertEqual(run.cliVersion, "3.2.7")
        XCTAssertEqual(run.scenarios.map(\.status), [.pass, .fail, .fail, .fail])
        XCTAssertEqual(run.scenarios.map(\.failureMode), [nil, .harnessError, .harnessError, .queueRollbackRowMissing])
        XCTAssertEqual(run.scenarios[0].boundaryEvidence.missionSlug, "canary-mission")
        XCTAssertEqual(run.scenarios[0].commands.first?.argv, ["spec-kitty", "sync", "now"])
        XCTAssertTrue(run.scenarios[2].details?.hasPrefix("scenario skipped") ?? false)
        XCTAssertTrue(run.scenarios[3].details?.contains("for_review -> in_review") ?? false)
        XCTAssertTrue(run.scenarios[3].details?.contains("CanaryTestObserverTests.swift:") ?? false, "details carry the location")

        let junit = try XCTUnwrap(sink.files["run-3.xml"].flatMap { String(data: $0, encoding: .utf8) })
        XCTAssertTrue(junit.contains(#"tests="4" failures="1" errors="1" skipped="1""#), junit)
        XCTAssertTrue(junit.contains(#"type="queue.rollback_row_missing""#))
        XCTAssertTrue(junit.contains(#"classname="GateTests.ObservedScenarioCase" name="run4""#), junit)
        XCTAssertTrue(output.last?.contains("run 3 fail") ?? false, "\(output)")
    }

    func testAllPassingIsAPass() throws {
        let (_, sink, _) = observe(ScenarioID.allCases.map { .make($0) { $0.passes } })
        XCTAssertEqual(try RunDocumentCoding.decodeRun(XCTUnwrap(sink.files["run-3.json"])).outcome, .pass)
    }

    func testAnUnclassifiedAssertionIsAHarnessError() throws {
        let (observer, _, _) = observe([.make(.freshAuthenticatedMission) { $0.failsUnclassified }])
        XCTAssertEqual(observer.results.first?.failureMode, .harnessError)
        XCTAssertTrue(observer.results.first?.details?.hasPrefix("unclassified assertion") ?? false)
    }

    func testAFilteredRunIsMarkedPartial() throws {
        let (_, sink, output) = observe([.make(.reviewRejectionForceRequiredContract) { $0.passes }])
        let run = try RunDocumentCoding.decodeRun(XCTUnwrap(sink.files["run-3.json"]))
        XCTAssertTrue(run.partial)
        XCTAssertEqual(run.outcome, .pass, "one scenario run alone and passing reads as passed")
        XCTAssertTrue(output.last?.contains("pass (partial: 1 of 4") ?? false, output.last ?? "")
    }

    func testNoScenarioMeansNoRunFiles() {
        let (_, sink, _) = observe([])
        XCTAssertTrue(sink.files.isEmpty)
    }

    func testABadRunNumberIsReportedNotWritten() {
        let observer = CanaryTestObserver(environment: ["CANARY_RUN_NUMBER": "7"], sink: MemoryRunSink(), output: { _ in })
        XCTestObservationCenter.shared.addTestObserver(observer)
        ObservedScenarioCase.make(.freshAuthenticatedMission) { $0.passes }.run()
        XCTestObservationCenter.shared.removeTestObserver(observer)
        XCTAssertThrowsError(try observer.writeRunFiles())
    }

    func testParallelSelectionFollowsTheParentsFilters() {
        XCTAssertEqual(ParallelRunMerger.selectedScenarios(parentArguments: ["swift-test", "--parallel", "--filter", "IdentityBoundary"]),
                       Set(ScenarioID.allCases))
        XCTAssertEqual(ParallelRunMerger.selectedScenarios(parentArguments: ["swift-test", "--parallel", "--filter", "IdentityBoundaryTests.Scenario4"]),
                       [.reviewRejectionForceRequiredContract])
        XCTAssertEqual(ParallelRunMerger.selectedScenarios(parentArguments: ["swift-test", "--filter=Scenario[12]", "--skip", "Scenario2"]),
                       [.freshAuthenticatedMission])
    }

    func testParallelShardsMergeAndCompleteOnlyWithEverySelectedScenario() throws {
        let bundle = FileManager.default.temporaryDirectory.appendingPathComponent("merge-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: bundle) }
        let merger = ParallelRunMerger(bundle: bundle, key: "k")
        let start = RunDocumentFixtures.start
        let selected: Set<ScenarioID> = [.freshAuthenticatedMission, .legacyQueueRowMigration]
        func shard(_ id: ScenarioID) -> ParallelRunMerger.Shard {
            .init(results: [RunDocumentFixtures.scenario(id)], records: [], startedAt: start, finishedAt: start.addingTimeInterval(Double(id.rawValue)))
        }
        let first = try merger.add(shard(.freshAuthenticatedMission), selected: selected, newRunID: { "01ARYZ6S41TSV4RRFFQ69G5FAV" })
        XCTAssertEqual(first.outstanding, [.legacyQueueRowMigration])
        let second = try merger.add(shard(.legacyQueueRowMigration), selected: selected, newRunID: { XCTFail("run id is shared"); return "" })
        XCTAssertEqual(second.outstanding, [])
        XCTAssertEqual(second.runID, "01ARYZ6S41TSV4RRFFQ69G5FAV")
        XCTAssertEqual(Set(second.results.map(\.id)), selected)
        XCTAssertEqual(second.finishedAt, start.addingTimeInterval(2))
    }
}
