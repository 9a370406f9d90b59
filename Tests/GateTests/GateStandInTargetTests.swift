import CanaryCore
import CanaryGate
import Foundation
import XCTest

/// How a stand-in target reaches the canary script and the Teamspace command: `CANARY_STANDIN_URL`.
final class GateStandInTargetTests: XCTestCase {
    private let url = "http://127.0.0.1:41234"

    func testOnlyAStandInTargetIsHandedToTheRuns() {
        XCTAssertEqual(SaaSTarget(url: url, targetDescription: "embedded", standInURL: url).runEnvironment, ["CANARY_STANDIN_URL": url])
        XCTAssertEqual(SaaSTarget(url: "https://dev.example", targetDescription: "real server").runEnvironment, [:],
                       "a real server gets no stand-in variable: the script must treat it as remote")
    }

    func testTheScriptGetsTheStandInAndTheGatesOwnVariablesWin() throws {
        let processes = FakeProcesses { _ in CommandResult(exitStatus: 0, stdout: "canary: 1/1 runs pass (4/4 scenarios) evidence: /b\n") }
        let runner = ScriptCanaryRunner(script: "/repo/scripts/run-sync-identity-boundary-canary.sh", workingDirectory: "/repo",
                                        environment: ["CANARY_STANDIN_URL": url, "SPEC_KITTY_SAAS_URL": "http://elsewhere"],
                                        processes: processes)
        _ = try runner.run(.single, cli: Build.cli, saasURL: url, output: nil)
        var environment = try XCTUnwrap(processes.commands.current.first?.environment)
        XCTAssertNotNil(environment.removeValue(forKey: CanaryScriptOutcome.fileVariable))
        XCTAssertEqual(environment, [
            "CANARY_STANDIN_URL": url, "SPEC_KITTY_BIN": Build.cli.binary, "SPEC_KITTY_SAAS_URL": url, "SPEC_KITTY_ENABLE_SAAS_SYNC": "1",
        ])
        XCTAssertEqual(SaaSTarget(url: url, targetDescription: "embedded", standInURL: url, standInSecret: "s").runEnvironment,
                       ["CANARY_STANDIN_URL": url, "CANARY_STANDIN_SECRET": "s"], "the runs get the stand-in's admin secret with its URL")
    }

    func testTheTeamspaceCommandSeesTheStandInBesideTheRunsVariables() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("teamspace-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let command = #"echo "standin=$CANARY_STANDIN_URL saas=$SPEC_KITTY_SAAS_URL run=$TEAMSPACE_RUN_NUMBER"; printf '<testsuites><testcase name="a"/></testsuites>' > {junit}"#
        let runner = CommandTeamspaceRunner(command: command, workingDirectory: "/", environment: ["CANARY_STANDIN_URL": url])
        let result = try runner.run(3, logPath: "\(directory)/run.log", junitPath: "\(directory)/run.xml", environment: ["SPEC_KITTY_SAAS_URL": url])
        XCTAssertNil(result.problem)
        let log = try String(contentsOfFile: result.logPath, encoding: .utf8)
        XCTAssertTrue(log.contains("standin=\(url) saas=\(url) run=3"), log)
    }
}
