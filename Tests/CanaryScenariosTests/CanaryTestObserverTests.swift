import CanaryCore
import CanaryGate
import CanaryScenarios
import CanaryTestSupport
import Foundation
import XCTest

/// Scenario-shaped cases for the observer tests; only an observer told to recognise them records them.
///
/// Passing and skipped cases run for real through XCTest. A failing one is
/// reported to the observer directly, with the callbacks XCTest would make,
/// so the suite's console shows no `error:` line for a failure it planted.
/// Their methods lack the `test` prefix so discovery never runs them on their own.
final class ObservedScenarioCase: XCTestCase, ScenarioReporting, @unchecked Sendable {
    /// What the case does when observed.
    enum Behaviour {
        case passes, skips, failsWithMode, failsUnclassified, throwsError
    }

    var scenario: ScenarioID = .freshAuthenticatedMission
    var behaviour: Behaviour = .passes
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

    func skips() throws {
        throw XCTSkip("not on this CLI")
    }

    /// Shows the case to `observer` as XCTest would.
    func observed(by observer: CanaryTestObserver) {
        switch behaviour {
        case .passes, .skips:
            XCTestObservationCenter.shared.addTestObserver(observer)
            run()
            XCTestObservationCenter.shared.removeTestObserver(observer)
        case .failsWithMode:
            observer.testCaseWillStart(self)
            pending = .queueRollbackRowMissing
            observer.testCase(self, didFailWithDescription: "latest WPStatusChanged is for_review -> in_review",
                              inFile: #filePath, atLine: #line)
            observer.testCaseDidFinish(self)
        case .failsUnclassified:
            observer.testCaseWillStart(self)
            observer.testCase(self, didFailWithDescription: #"XCTAssertEqual failed: ("1") is not equal to ("2")"#,
                              inFile: #filePath, atLine: #line)
            observer.testCaseDidFinish(self)
        case .throwsError:
            // What swift-corelibs-xctest reports for an error thrown out of a test.
            observer.testCaseWillStart(self)
            observer.testCase(self, didFailWithDescription: #"threw error "Boom()""#, inFile: "<EXPR>", atLine: 0)
            observer.testCaseDidFinish(self)
        }
    }

    static func make(_ scenario: ScenarioID, _ behaviour: Behaviour) -> ObservedScenarioCase {
        let testCase = ObservedScenarioCase(name: "run\(scenario.rawValue)", testClosure: { testCase in
            let observed = testCase as! ObservedScenarioCase
            switch observed.behaviour {
            case .skips: try observed.skips()
            default: observed.passes()
            }
        })
        testCase.scenario = scenario
        testCase.behaviour = behaviour
        return testCase
    }
}

final class CanaryTestObserverTests: XCTestCase {
    private func makeObserver(environment: [String: String] = ["CANARY_RUN_NUMBER": "3"], sink: MemoryRunSink,
                              lines: Locked<[String]>, terminate: @escaping (Int32) -> Void = { _ in XCTFail("terminated") })
        -> CanaryTestObserver
    {
        var metadata = RunMetadata()
        metadata.cliVersion = "3.2.7"
        metadata.saasURL = "http://127.0.0.1:1"
        return CanaryTestObserver(
            environment: environment, metadata: { metadata }, sink: sink,
            recognize: { $0 as? ObservedScenarioCase }, output: { line in lines.withLock { $0.append(line) } },
            terminate: terminate)
    }

    private func observe(_ cases: [ObservedScenarioCase], environment: [String: String] = ["CANARY_RUN_NUMBER": "3"])
        -> (observer: CanaryTestObserver, sink: MemoryRunSink, output: [String])
    {
        let sink = MemoryRunSink()
        let lines = Locked<[String]>([])
        let observer = makeObserver(environment: environment, sink: sink, lines: lines)
        for testCase in cases { testCase.observed(by: observer) }
        XCTAssertNoThrow(try observer.writeRunFiles())
        return (observer, sink, lines.current)
    }

    func testFourRealCasesProduceTheExpectedDocument() throws {
        let (_, sink, output) = observe([
            .make(.freshAuthenticatedMission, .passes),
            .make(.legacyQueueRowMigration, .throwsError),
            .make(.daemonOwnerMismatchRefusal, .skips),
            .make(.reviewRejectionForceRequiredContract, .failsWithMode),
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
        XCTAssertTrue(junit.contains(#"classname="CanaryScenariosTests.ObservedScenarioCase" name="run4""#), junit)
        XCTAssertTrue(output.last?.contains("run 3 fail") ?? false, "\(output)")
    }

    func testTheProcessWideObserverRecordsOnlyTheCanarysScenarioCases() {
        // The observer's own planted cases adopt ScenarioReporting too: the
        // default recogniser must leave them out, or a full `swift test` run
        // mixes them into the real four and repeats scenario ids.
        let observer = CanaryTestObserver(sink: MemoryRunSink(), output: { _ in },
                                          terminate: { _ in XCTFail("terminated") })
        ObservedScenarioCase.make(.freshAuthenticatedMission, .passes).observed(by: observer)
        ObservedScenarioCase.make(.legacyQueueRowMigration, .failsUnclassified).observed(by: observer)
        XCTAssertTrue(observer.results.isEmpty)
    }

    func testARunWhoseDocumentCannotBeWrittenEndsTheProcessWithTheReasonLast() {
        let lines = Locked<[String]>([])
        let codes = Locked<[Int32]>([])
        let observer = makeObserver(environment: ["CANARY_RUN_NUMBER": "7"], sink: MemoryRunSink(), lines: lines,
                                    terminate: { code in codes.withLock { $0.append(code) } })
        ObservedScenarioCase.make(.freshAuthenticatedMission, .passes).observed(by: observer)
        observer.testBundleDidFinish(Bundle.main)
        XCTAssertEqual(codes.current, [1])
        XCTAssertTrue(lines.current.last?.hasPrefix("canary: could not write the run files: CANARY_RUN_NUMBER=7") ?? false,
                      "\(lines.current)")
    }

    func testAllPassingIsAPass() throws {
        let (_, sink, _) = observe(ScenarioID.allCases.map { .make($0, .passes) })
        XCTAssertEqual(try RunDocumentCoding.decodeRun(XCTUnwrap(sink.files["run-3.json"])).outcome, .pass)
    }

    func testAnUnclassifiedAssertionIsAHarnessError() throws {
        let (observer, _, _) = observe([.make(.freshAuthenticatedMission, .failsUnclassified)])
        XCTAssertEqual(observer.results.first?.failureMode, .harnessError)
        XCTAssertTrue(observer.results.first?.details?.hasPrefix("unclassified assertion") ?? false)
    }

    func testAFilteredRunIsMarkedPartial() throws {
        let (_, sink, output) = observe([.make(.reviewRejectionForceRequiredContract, .passes)])
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
        let observer = makeObserver(environment: ["CANARY_RUN_NUMBER": "7"], sink: MemoryRunSink(), lines: Locked([]))
        ObservedScenarioCase.make(.freshAuthenticatedMission, .passes).observed(by: observer)
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
