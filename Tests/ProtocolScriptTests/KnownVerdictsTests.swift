import CanaryCore
import CanaryTestSupport
import Foundation
import XCTest

/// The canary tells the truth about the pinned CLI: run as the README says, it gives every scenario
/// the verdict known for that version (`KnownVerdicts.table`), red cells citing their evidence, and
/// exits 1 when the CLI is red. A false green and a false red both fail here.
///
/// This is the one place the suite runs the four scenarios: `swift test` skips the
/// scenario target itself (`--skip IdentityBoundaryTests`), since a red CLI makes it fail by design.
final class KnownVerdictsTests: XCTestCase {
    private var directory: TemporaryDirectory?
    private var root: URL { directory!.url }

    override func setUpWithError() throws {
        TestHeartbeat.install(self)
        try XCTSkipIf(ProcessInfo.processInfo.environment["CANARY_SKIP_REAL_CLI"] == "1", "CANARY_SKIP_REAL_CLI=1")
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: ProtocolScript.canary), "canary is not built at \(ProtocolScript.canary)")
        directory = try TemporaryDirectory("known-verdicts")
    }

    override func tearDown() {
        directory?.remove()
    }

    func testTheCanaryGivesThePinnedCLIItsKnownVerdicts() throws {
        // --skip-build --ignore-lock: the suite's own `swift test` holds the build directory.
        let result = try ProtocolScript(root: root).run(["--single", "--yes", "--tag", "known-verdicts"], environment: [
            "SPEC_KITTY_BIN": try ProtocolScript.cli(),
            "CANARY_RUN_COMMAND": "swift test --skip-build --ignore-lock --filter IdentityBoundary",
        ], timeout: 3600)
        let attempt = root.appendingPathComponent("artifacts/known-verdicts-attempt1")
        let data = try XCTUnwrap(FileManager.default.contents(atPath: attempt.appendingPathComponent("runs/run-1.json").path),
                                 "no run file\n\(result.tail(lines: 40))")
        let run = try RunDocumentCoding.decodeRun(data)
        let cells = KnownVerdicts.cells(for: run.cliVersion)
        let discrepancies = KnownVerdicts.discrepancies(run)
        XCTAssertEqual(discrepancies, [], "the canary's verdicts on spec-kitty-cli \(run.cliVersion) depart from the known ones; evidence: \(attempt.path)")
        // The canary says red when the CLI is red: its exit code never hides a known failure.
        let red = cells.contains { $0.failureMode != nil }
        XCTAssertEqual(result.exitCode, red ? 1 : 0, result.tail(lines: 15))
        XCTAssertTrue(result.stdout.split(separator: "\n").last?.hasPrefix(red ? "canary: FAIL 0/1 runs pass" : "canary: 1/1 runs pass") ?? false,
                      result.tail(lines: 5))
        XCTAssertTrue(try Manifest.verify(in: attempt).isIntact)
    }
}
