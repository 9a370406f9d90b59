import CanaryCore
import Foundation
import XCTest

/// The run document's timing block: wall time against the CLI's own calls, and the workers.
final class RunTimingTests: XCTestCase {
    func testCountsOnlyTheCLIsCallsAndBoundsTheWorkersByTheScenarios() throws {
        let start = Date(timeIntervalSince1970: 1_000)
        let commands = [
            CommandRecord(argv: ["/venv/bin/spec-kitty", "sync", "now"], exitCode: 0, seconds: 2.5, cpuSeconds: 2),
            CommandRecord(argv: ["git", "commit"], exitCode: 0, seconds: 0.1, cpuSeconds: 0.05),
            CommandRecord(argv: ["/venv/bin/spec-kitty", "auth", "status"], exitCode: 1, seconds: 1.25),
        ]
        let one = ScenarioResult.passed(.freshAuthenticatedMission, startedAt: start, finishedAt: start.addingTimeInterval(3), commands: commands)
        let two = ScenarioResult.passed(.legacyQueueRowMigration, startedAt: start, finishedAt: start.addingTimeInterval(3), commands: [commands[0]])
        let timing = RunTiming(startedAt: start, finishedAt: start.addingTimeInterval(4.2), scenarios: [one, two], workers: 4)
        XCTAssertEqual(timing, RunTiming(wallSeconds: 4.2, cliSeconds: 6.25, cliCalls: 3, workers: 2, cliCPUSeconds: 4),
                       "CPU time sums what was measured, the CLI's calls only")
        let unmeasured = ScenarioResult.passed(.freshAuthenticatedMission, startedAt: start, finishedAt: start, commands: [commands[2]])
        XCTAssertNil(RunTiming(startedAt: start, finishedAt: start, scenarios: [unmeasured], workers: 1).cliCPUSeconds,
                     "no measured call is no CPU figure, not zero")
    }

    func testTheRunDocumentCarriesItAndOlderDocumentsWithoutItStillRead() throws {
        let start = Date(timeIntervalSince1970: 1_000)
        let timing = RunTiming(wallSeconds: 10, cliSeconds: 30, cliCalls: 12, workers: 4, cliCPUSeconds: 20.5)
        let document = try CanaryRunResult(
            runID: ULID.shared.next(), runNumber: 1, cliVersion: "3.2.7", eventsPackageVersion: "4.1.0",
            startedAt: start, finishedAt: start.addingTimeInterval(10),
            scenarios: [.passed(.freshAuthenticatedMission, startedAt: start, finishedAt: start)],
            saasURL: "http://127.0.0.1:1", targetEnvironment: .standin, serverProfile: nil, evidencePath: "/e", host: "h", timing: timing)
        let data = try RunDocumentCoding.encode(document)
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertTrue(text.contains("\"timing\""), text)
        XCTAssertTrue(text.contains("\"wall_seconds\""), text)
        XCTAssertTrue(text.contains("\"cli_cpu_seconds\""), text)
        XCTAssertEqual(try RunDocumentCoding.decodeRun(data).timing, timing)

        var object = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        object["timing"] = nil
        let older = try JSONSerialization.data(withJSONObject: object)
        XCTAssertNil(try RunDocumentCoding.decodeRun(older).timing)
    }
}
