import CanaryCore
import CanaryTestSupport
import Foundation
import XCTest

/// The four-run protocol script, run for real: its preflight refusals, its
/// verdict read from run files, its attempt directories and its stand-in.
///
/// The per-run command is replaced (CANARY_RUN_COMMAND) by one that files a
/// prepared run document, and the CLI that only has to pass the preflight
/// probes by their recorded answers (`RecordedPreflightCLI`), so these tests
/// check the script's plumbing in seconds; the real runs are what the script
/// does by default (`KnownVerdictsTests`).
final class ProtocolScriptTests: XCTestCase {
    private var directory: TemporaryDirectory?
    private var root: URL { directory!.url }
    private var canary: String { ProtocolScript.canary }

    override func setUpWithError() throws {
        TestHeartbeat.install(self)
        directory = try TemporaryDirectory("protocol")
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: canary), "canary is not built at \(canary)")
    }

    override func tearDown() {
        directory?.remove()
    }

    /// A CLI that passes the preflight with 3.2.7's recorded answers and is asked nothing else.
    private func cli() throws -> String { try RecordedPreflightCLI.install(in: root.appendingPathComponent("recorded-cli")) }

    private func runScript(_ arguments: [String], environment: [String: String], timeout: TimeInterval = 900) throws -> CommandResult {
        try ProtocolScript(root: root).run(arguments, environment: environment, timeout: timeout)
    }

    /// A run command that files `document` as this run's run file.
    private func filing(_ document: CanaryRunResult) throws -> String {
        let source = root.appendingPathComponent("prepared-\(UUID().uuidString).json")
        try RunDocumentCoding.encode(document).write(to: source)
        return #"cp "\#(source.path)" "$CANARY_EVIDENCE_DIR/runs/run-$CANARY_RUN_NUMBER.json""#
    }

    private func document(failing scenario: ScenarioID? = nil) throws -> CanaryRunResult {
        let start = Date()
        let results = ScenarioID.allCases.map { id in
            id == scenario
                ? ScenarioResult.failed(id, mode: .queueRollbackRowMissing, details: "latest row from='for_review' to='in_review'", startedAt: start, finishedAt: start)
                : ScenarioResult.passed(id, startedAt: start, finishedAt: start)
        }
        return try CanaryRunResult(runID: ULID.shared.next(), runNumber: 1, cliVersion: "3.2.7", eventsPackageVersion: "6.1.0",
                                   startedAt: start, finishedAt: start, scenarios: results, saasURL: "http://127.0.0.1",
                                   targetEnvironment: .standin, serverProfile: nil, evidencePath: "", host: "test")
    }

    /// The outcome the script wrote to `CANARY_OUTCOME_FILE`, decoded.
    private func outcome(_ name: String) throws -> CanaryScriptOutcome {
        let file = root.appendingPathComponent(name)
        return CanaryScriptOutcome.read(outcomeFile: try Data(contentsOf: file), exitStatus: -1, base: ProtocolScript.repo.path)
    }

    func testAMissingCLIIsRefusedAtPreflight() throws {
        let outcomeFile = root.appendingPathComponent("outcome.json").path
        let result = try runScript(["--single"], environment: ["SPEC_KITTY_BIN": "/nonexistent/spec-kitty", "CANARY_OUTCOME_FILE": outcomeFile])
        XCTAssertEqual(result.exitCode, 2, result.tail())
        XCTAssertTrue(result.stdout.contains("preflight failed: spec-kitty CLI not found"), result.tail())
        let written = try outcome("outcome.json")
        XCTAssertNil(written.evidenceDirectory, "preflight refused before any attempt was claimed")
        XCTAssertEqual(written.summaryLine, "canary: preflight failed: spec-kitty CLI not found or not executable: /nonexistent/spec-kitty")
        XCTAssertTrue(try String(contentsOfFile: outcomeFile, encoding: .utf8).contains(#""exit_status": 2"#))
    }

    func testABrokenCLIIsRefusedAtPreflight() throws {
        let result = try runScript(["--single"], environment: ["SPEC_KITTY_BIN": "/bin/false"])
        XCTAssertEqual(result.exitCode, 2, result.tail())
        XCTAssertTrue(result.stdout.contains("the CLI does not run"), result.tail())
    }

    func testACLIWithoutASyncSurfaceIsUnsupportedAtPreflight() throws {
        // 4.0.0rc7, the newest prerelease, has no `auth` or `sync` commands.
        var environment = ProcessInfo.processInfo.environment.filter { $0.key != "SPEC_KITTY_BIN" }
        environment["SPEC_KITTY_VERSION"] = "4.0.0rc7"
        let unsupported = try SpecKittyLocator().binary(repoRoot: ProtocolScript.repo, environment: environment).path
        let result = try runScript(["--single"], environment: ["SPEC_KITTY_BIN": unsupported])
        XCTAssertEqual(result.exitCode, 2, result.tail())
        XCTAssertTrue(result.stdout.contains("cli.unsupported: spec-kitty-cli 4.0.0rc7 has no 'auth' command"), result.tail())
    }

    func testARealServerNeedsConfirmation() throws {
        let result = try runScript(["--single"], environment: ["SPEC_KITTY_BIN": try cli(), "SPEC_KITTY_SAAS_URL": "http://127.0.0.1:9"])
        XCTAssertEqual(result.exitCode, 2, result.tail())
        XCTAssertTrue(result.stdout.contains("needs confirmation: pass --yes"), result.tail())
    }

    func testAnUnreachableTargetIsRefused() throws {
        let result = try runScript(["--single", "--yes"], environment: ["SPEC_KITTY_BIN": try cli(), "SPEC_KITTY_SAAS_URL": "http://127.0.0.1:9"])
        XCTAssertEqual(result.exitCode, 2, result.tail())
        XCTAssertTrue(result.stdout.contains("/health/ready/ unreachable"), result.tail())
    }

    func testASyncDaemonAnywhereOnTheHostIsRefusedByPidAndHomeAndLeftAlone() throws {
        // The CLI's scan counts any argv mentioning run_sync_daemon, whatever its home:
        // here one serving a home outside every canary work root.
        let home = root.appendingPathComponent("someone-elses-home").path
        let stray = try HostDaemonImpostor.start(home: home)
        defer { stray.stop() }
        let result = try runScript(["--single"], environment: stray.environment.merging(["SPEC_KITTY_BIN": try cli()]) { $1 })
        XCTAssertEqual(result.exitCode, 2, result.tail())
        XCTAssertTrue(result.stdout.contains("harness.host_not_isolated"), result.tail())
        XCTAssertTrue(result.stdout.contains("pid \(stray.pid) (home \(home))"), result.tail())
        XCTAssertTrue(stray.isRunning, "the script must not kill what it did not start")
    }

    func testScenariosBesideAHostDaemonFailAsHostNotIsolatedBeforeAnyCLICall() throws {
        let stray = try HostDaemonImpostor.start()
        defer { stray.stop() }
        let evidence = root.appendingPathComponent("evidence")
        var variables = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("CANARY_") }
        variables["CANARY_EVIDENCE_DIR"] = evidence.path
        variables["CANARY_RUN_NUMBER"] = "1"
        variables["CANARY_WORK_ROOT"] = root.appendingPathComponent("work").path
        variables.merge(stray.environment) { $1 }
        let result = try ProcessRunner().run(["swift", "test", "--skip-build", "--ignore-lock", "--filter", "IdentityBoundary"],
                                             environment: ProcessEnvironment(exactly: variables), workingDirectory: ProtocolScript.repo,
                                             timeout: 600)
        let data = try XCTUnwrap(FileManager.default.contents(atPath: evidence.appendingPathComponent("runs/run-1.json").path), result.tail(lines: 30))
        let run = try RunDocumentCoding.decodeRun(data)
        XCTAssertEqual(run.scenarios.count, 4)
        for scenario in run.scenarios {
            XCTAssertEqual(scenario.failureMode, .harnessHostNotIsolated, scenario.details ?? "")
            XCTAssertTrue(scenario.details?.contains("pid \(stray.pid)") ?? false, scenario.details ?? "")
            XCTAssertEqual(scenario.commands, [], "no CLI call is made on a host that is not isolated")
        }
        XCTAssertTrue(stray.isRunning, "the harness must not kill what it did not start")
    }

    func testAFailingRunFileIsExitOneWithTheScenarioNamedAndTheStandInStopped() throws {
        let result = try runScript(["--single", "--tag", "t"], environment: [
            "SPEC_KITTY_BIN": try cli(), "CANARY_RUN_COMMAND": try filing(document(failing: .reviewRejectionForceRequiredContract)),
            "CANARY_OUTCOME_FILE": root.appendingPathComponent("outcome.json").path,
        ])
        XCTAssertEqual(result.exitCode, 1, result.tail())
        let written = try outcome("outcome.json")
        XCTAssertEqual(written.evidenceDirectory, root.appendingPathComponent("artifacts/t-attempt1").path, "the bundle, as data")
        XCTAssertTrue(written.summaryLine?.hasPrefix("canary: FAIL 0/1 runs pass (3/4 scenarios) evidence: ") ?? false, "\(written)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains { $0.contains("scenario 4 Review Rejection Force-Required Contract: queue.rollback_row_missing") }, result.tail())
        XCTAssertTrue(lines.last?.hasPrefix("canary: FAIL 0/1 runs pass (3/4 scenarios) evidence: ") ?? false, result.tail())

        let log = try String(contentsOf: root.appendingPathComponent("artifacts/t-attempt1/canary.log"), encoding: .utf8)
        let line = try XCTUnwrap(log.split(separator: "\n").first { $0.contains("stand-in: http") }, log)
        let number = try XCTUnwrap(line.range(of: #"pid \d+"#, options: .regularExpression).flatMap { Int32(line[$0].dropFirst(4)) }, String(line))
        XCTAssertEqual(kill(number, 0), -1, "the stand-in (pid \(number)) must be stopped")
        XCTAssertTrue(try Manifest.verify(in: root.appendingPathComponent("artifacts/t-attempt1")).isIntact)
    }

    func testTheStandInsAdminSecretReachesTheRunAndNoFileHoldsItDuringTheRun() throws {
        // A script killed mid-run (SIGKILL runs no trap) must leave no admin secret in TMPDIR.
        let scratch = root.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let seen = root.appendingPathComponent("seen-during-run.txt").path
        let command = #"{ ls -A "$TMPDIR"; echo "secret:${#CANARY_STANDIN_SECRET}"; } >"\#(seen)" && "# + (try filing(document()))
        let result = try runScript(["--single"], environment: ["SPEC_KITTY_BIN": try cli(), "CANARY_RUN_COMMAND": command, "TMPDIR": scratch.path])
        XCTAssertEqual(result.exitCode, 0, result.tail())
        let lines = try String(contentsOfFile: seen, encoding: .utf8).split(separator: "\n").map(String.init)
        XCTAssertFalse(lines.contains { $0.hasPrefix("canary-standin-secret.") }, "the secret's file outlived its reading: \(lines)")
        XCTAssertEqual(lines.last, "secret:64", "the run gets the admin secret: \(lines)")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: scratch.path), [], "the script leaves nothing in TMPDIR")
    }

    func testPassingRunsMakeSealedAttemptsAndNeverTouchEarlierOnes() throws {
        let environment = ["SPEC_KITTY_BIN": try cli(), "CANARY_RUN_COMMAND": try filing(document())]
        let first = try runScript(["--single", "--tag", "t"], environment: environment)
        XCTAssertEqual(first.exitCode, 0, first.tail())
        XCTAssertTrue(first.stdout.split(separator: "\n").last?.hasPrefix("canary: 1/1 runs pass (4/4 scenarios) evidence: ") ?? false, first.tail())
        let attempt1 = root.appendingPathComponent("artifacts/t-attempt1")
        let before = try BundleWalker.entries(below: attempt1).map { "\($0.path)=\($0.kind)" }

        let second = try runScript(["--single", "--tag", "t"], environment: environment)
        XCTAssertEqual(second.exitCode, 0, second.tail())
        XCTAssertTrue(second.stdout.contains("artifacts/t-attempt2"), second.tail())
        XCTAssertEqual(try BundleWalker.entries(below: attempt1).map { "\($0.path)=\($0.kind)" }, before, "attempt1 changed")
        XCTAssertTrue(try Manifest.verify(in: attempt1).isIntact)
        for name in ["latest.json", "runs/run-1.json", "canary.log", "MANIFEST.sha256"] {
            let permissions = try FileManager.default.attributesOfItem(atPath: attempt1.appendingPathComponent(name).path)[.posixPermissions] as? Int
            XCTAssertEqual((permissions ?? 0o777) & 0o222, 0, "\(name) is writable")
        }
    }
}
