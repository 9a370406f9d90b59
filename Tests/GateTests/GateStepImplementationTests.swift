import CanaryCore
import CanaryGate
import CanaryTestSupport
import Foundation
import XCTest

/// The real step implementations, driven through fake processes and fake HTTP so they need no network.
final class GateStepImplementationTests: XCTestCase {
    // MARK: Package index

    /// The fixture is the stdout of `pip index versions spec-kitty-cli --pre` (pip 23.2.1, PyPI, 2026-11-25).
    func testParsesTheRecordedPipAnswer() throws {
        let parsed = try PipIndexVersions.parse(RecordedOutputs.text("pip-index-versions-spec-kitty-cli-pre.stdout.txt"))
        XCTAssertEqual(parsed.package, "spec-kitty-cli")
        XCTAssertEqual(parsed.latest, "4.0.0rc7")
        XCTAssertEqual(parsed.versions.count, 173)
        XCTAssertEqual(parsed.versions.prefix(3), ["4.0.0rc7", "4.0.0rc6", "4.0.0rc5"])
        XCTAssertTrue(parsed.versions.contains("3.2.6rc2"))
        XCTAssertTrue(parsed.versions.contains("3.2.0rc15"))
    }

    func testPipOutputWithoutAVersionListIsAnError() {
        XCTAssertThrowsError(try PipIndexVersions.parse("ERROR: No matching distribution found for spec-kitty-cli\n")) { error in
            XCTAssertTrue("\(error)".hasPrefix("cannot read pip's answer (no 'Available versions:' line)"), "\(error)")
        }
        XCTAssertThrowsError(try PipIndexVersions.parse("x (1)\nAvailable versions: \n"))
    }

    func testPipIndexAsksForPrereleasesAndReportsFailures() throws {
        let fixture = try RecordedOutputs.text("pip-index-versions-spec-kitty-cli-pre.stdout.txt")
        let processes = FakeProcesses { _ in CommandResult(exitStatus: 0, stdout: fixture, stderr: "WARNING: pip index is currently an experimental command.") }
        XCTAssertEqual(try PipPackageIndex(processes: processes).versions(of: "spec-kitty-cli").count, 173)
        XCTAssertEqual(processes.commands.withLock { $0.first?.arguments },
                       ["python3", "-m", "pip", "index", "versions", "spec-kitty-cli", "--pre", "--disable-pip-version-check"])

        let offline = FakeProcesses { _ in CommandResult(exitStatus: 1, stderr: "ERROR: No matching distribution found") }
        XCTAssertThrowsError(try PipPackageIndex(processes: offline).versions(of: "spec-kitty-cli")) { error in
            XCTAssertTrue("\(error)".contains("exited 1: ERROR: No matching distribution found"), "\(error)")
        }
    }

    // MARK: Installers

    func testBootstrapInstallerPassesTheVersionAndTakesTheLastLine() throws {
        let binary = try makeExecutable()
        let processes = FakeProcesses { _ in CommandResult(exitStatus: 0, stdout: "\(binary)\n", stderr: "installing\n") }
        let installer = BootstrapInstaller(script: "/repo/scripts/bootstrap-spec-kitty.sh", venvRoot: "/work/venvs", processes: processes)
        let installed = try installer.install(version: try SpecKittyVersion("3.2.6rc2"), output: nil)
        XCTAssertEqual(installed, InstalledCLI(version: "3.2.6rc2", binary: binary))
        XCTAssertEqual(installed.python, (binary as NSString).deletingLastPathComponent + "/python")
        let command = try XCTUnwrap(processes.commands.withLock { $0.first })
        XCTAssertEqual(command.arguments, ["bash", "/repo/scripts/bootstrap-spec-kitty.sh"])
        XCTAssertEqual(command.environment, ["SPEC_KITTY_VERSION": "3.2.6rc2", "SPEC_KITTY_VENV_ROOT": "/work/venvs"])
    }

    func testBootstrapFailuresCarryTheOutputTail() throws {
        let failing = FakeProcesses { _ in CommandResult(exitStatus: 1, stderr: "ERROR: Could not find a version that satisfies spec-kitty-cli==9.9rc1") }
        XCTAssertThrowsError(try BootstrapInstaller(script: "/s.sh", processes: failing).install(version: try SpecKittyVersion("9.9rc1"), output: nil)) { error in
            XCTAssertEqual("\(error)", "the bootstrap exited 1: ERROR: Could not find a version that satisfies spec-kitty-cli==9.9rc1")
        }
        let noPath = FakeProcesses { _ in CommandResult(exitStatus: 0, stdout: "done\n") }
        XCTAssertThrowsError(try BootstrapInstaller(script: "/s.sh", processes: noPath).install(version: try SpecKittyVersion("3.2.7"), output: nil)) { error in
            XCTAssertEqual("\(error)", "installing spec-kitty-cli 3.2.7 printed no usable binary path (last line: 'done')")
        }
    }

    func testImportCheckRunsTheVenvPythonAndKeepsPythonsMessage() throws {
        let traceback = """
            Traceback (most recent call last):
              File "<string>", line 1, in <module>
            ModuleNotFoundError: No module named 'specify_cli.sync'
            """
        let processes = FakeProcesses { _ in CommandResult(exitStatus: 1, stderr: traceback) }
        let cli = InstalledCLI(version: "4.0.0rc7", binary: "/v/bin/spec-kitty")
        let result = try BootstrapInstaller(script: "/s.sh", processes: processes).checkImports(ImportCheckResult.syncModules, of: cli)
        XCTAssertEqual(result, ImportCheckResult(modules: ImportCheckResult.syncModules, passed: false, message: "No module named 'specify_cli.sync'"))
        XCTAssertEqual(processes.commands.withLock { $0.first?.arguments },
                       ["/v/bin/python", "-c", "import specify_cli.sync.owner, specify_cli.sync.preflight"])
        XCTAssertEqual(ImportCheckResult.failureMessage(fromStderr: "ImportError: cannot import name 'x'\n"), "cannot import name 'x'")
    }

    func testMetadataProbeAndExistingCLIVersionCheck() throws {
        let processes = FakeProcesses { _ in
            CommandResult(exitStatus: 0, stdout: #"{"cli_version": "3.2.7", "events_version": "5.1.2", "direct_url": null}"# + "\n")
        }
        let installer = ExistingCLIInstaller(binary: "/v/bin/spec-kitty", processes: processes)
        XCTAssertEqual(try installer.metadata(of: InstalledCLI(version: "3.2.7", binary: "/v/bin/spec-kitty")),
                       InstalledCLIMetadata(cliVersion: "3.2.7", eventsVersion: "5.1.2", directURL: nil))
        XCTAssertEqual(try installer.install(version: try SpecKittyVersion("3.2.7"), output: nil).binary, "/v/bin/spec-kitty")
        XCTAssertThrowsError(try installer.install(version: try SpecKittyVersion("3.2.6rc2"), output: nil)) { error in
            XCTAssertEqual("\(error)", "the CLI at /v/bin/spec-kitty is 3.2.7, not the chosen 3.2.6rc2")
        }
    }

    // MARK: Canary script

    func testScriptRunnerPassesTheTargetAndResolvesTheEvidenceDirectory() throws {
        // The fake writes the outcome file as the script does on exit; stdout is only a log.
        let processes = FakeProcesses { command in
            let bundle = command.arguments.contains("--single") ? "artifacts/sync_identity_boundary/3.2.6rc2-attempt1" : "/abs/bundle"
            let outcome = #"{"exit_status": 0, "evidence_directory": "\#(bundle)", "runs": 1, "summary": "canary: 1/1 runs pass (4/4 scenarios) evidence: \#(bundle)"}"#
            if let path = command.environment[CanaryScriptOutcome.fileVariable] { try? Data(outcome.utf8).write(to: URL(fileURLWithPath: path)) }
            return CommandResult(exitStatus: 0, stdout: "run 1 ...\ncanary: a log line, not the outcome evidence: /elsewhere\n")
        }
        let runner = ScriptCanaryRunner(script: "/repo/scripts/run-sync-identity-boundary-canary.sh", workingDirectory: "/repo", processes: processes)
        let single = try runner.run(.single, cli: Build.cli, saasURL: "http://127.0.0.1:9", output: nil)
        XCTAssertEqual(single.evidenceDirectory, "/repo/artifacts/sync_identity_boundary/3.2.6rc2-attempt1")
        XCTAssertEqual(single.summaryLine, "canary: 1/1 runs pass (4/4 scenarios) evidence: artifacts/sync_identity_boundary/3.2.6rc2-attempt1")
        XCTAssertEqual(try runner.run(.fourRun, cli: Build.cli, saasURL: "http://127.0.0.1:9", output: nil).evidenceDirectory, "/abs/bundle")

        let commands = processes.commands.current
        XCTAssertEqual(commands.map(\.arguments), [
            ["bash", "/repo/scripts/run-sync-identity-boundary-canary.sh", "--single", "--yes"],
            ["bash", "/repo/scripts/run-sync-identity-boundary-canary.sh", "--yes"],
        ])
        var environment = commands[0].environment
        XCTAssertNotNil(environment.removeValue(forKey: CanaryScriptOutcome.fileVariable), "the script is told where to write its outcome")
        XCTAssertEqual(environment, [
            "SPEC_KITTY_BIN": Build.cli.binary, "SPEC_KITTY_SAAS_URL": "http://127.0.0.1:9", "SPEC_KITTY_ENABLE_SAAS_SYNC": "1",
        ])
        XCTAssertEqual(commands[0].workingDirectory, "/repo")
    }

    func testAScriptThatLeftNoOutcomeFileHasNoEvidenceWhateverItPrinted() throws {
        let processes = FakeProcesses { _ in CommandResult(exitStatus: 137, stdout: "canary: 1/1 runs pass evidence: /looks/real\n") }
        let outcome = try ScriptCanaryRunner(script: "s.sh", workingDirectory: "/repo", processes: processes)
            .run(.single, cli: Build.cli, saasURL: "http://127.0.0.1:9", output: nil)
        XCTAssertNil(outcome.evidenceDirectory, "a log line is never read as the outcome")
        XCTAssertEqual(outcome.exitStatus, 137)
        XCTAssertEqual(outcome.summaryLine, "the script left no readable outcome file (exit 137)")
    }

    // MARK: Teamspace

    func testTeamspaceCommandFillsPlaceholdersAndCountsItsReport() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("teamspace-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let command = #"echo "run {run} on $SPEC_KITTY_SAAS_URL"; printf '<testsuites><testsuite><testcase name="a"/><testcase name="b"><failure message="x"/></testcase></testsuite></testsuites>' > {junit}"#
        let runner = CommandTeamspaceRunner(command: command, workingDirectory: "/")
        let result = try runner.run(2, logPath: "\(directory)/teamspace-canary-run-2.log", junitPath: "\(directory)/teamspace-canary-run-2.xml",
                                    environment: ["SPEC_KITTY_SAAS_URL": "http://127.0.0.1:9"])
        XCTAssertEqual(result.exitStatus, 0)
        XCTAssertEqual(result.junit, GateJUnitTotals(tests: 2, failures: 1, errors: 0, skipped: 0))
        XCTAssertEqual(result.problem, "JUnit: 1 failure(s), 0 error(s)")
        let log = try String(contentsOfFile: result.logPath, encoding: .utf8)
        XCTAssertTrue(log.contains("run 2 on http://127.0.0.1:9"), log)
        XCTAssertTrue(log.hasPrefix("$ echo \"run 2 on"), log)
    }

    func testJUnitTotalsSurviveControlCharactersAndRejectBrokenXML() {
        let withEscape = Data("<testsuites><testcase name=\"\u{1B}[31mred\"><error/></testcase><testcase><skipped/></testcase></testsuites>".utf8)
        XCTAssertEqual(GateJUnitTotals.parse(withEscape), GateJUnitTotals(tests: 2, failures: 0, errors: 1, skipped: 1))
        XCTAssertNil(GateJUnitTotals.parse(Data("<testsuites><testcase>".utf8)))
    }

    // MARK: SaaS

    private struct CannedHTTP: GateHTTPFetching {
        let answers: [String: GateHTTPResponse]
        func get(_ url: URL) throws -> GateHTTPResponse {
            guard let answer = answers[url.path] else { throw SaaSProbeError.unreachable(url: url.absoluteString, reason: "Connection refused") }
            return answer
        }
    }

    func testHTTPProbeReadsHealthReadinessAndTheRowDigest() throws {
        let health = #"{"status":"ok","service":"spec-kitty-saas","version":"2026.11.3","git_sha":"abc","build_timestamp":"t","spec_kitty_events":"5.1.0","environment":"dev"}"#
        let ready = #"{"status":"not_ready","dependencies":{"database":{"status":"ok"},"drain_queue":{"status":"degraded","oldest_pending_age_seconds":12.5,"retryable_count":1,"terminal_failed_count":2,"business_rule_rejected_count":22}}}"#
        let probe = HTTPSaaSProbe(baseURL: "http://127.0.0.1:9/", fetcher: CannedHTTP(answers: [
            "/health": GateHTTPResponse(status: 200, body: Data(health.utf8)),
            "/health/ready": GateHTTPResponse(status: 503, body: Data(ready.utf8)),
            "/__standin__/historical-digest": GateHTTPResponse(status: 200, body: Data(#"{"count":22,"sha256":"feed"}"#.utf8)),
        ]))
        XCTAssertEqual(probe.baseURL, "http://127.0.0.1:9")
        let reading = try probe.health()
        XCTAssertEqual(reading.gitSHA, "abc")
        XCTAssertEqual(reading.eventsVersion, "5.1.0")
        let readiness = try probe.readiness()
        XCTAssertEqual(readiness.httpStatus, 503)
        XCTAssertEqual(readiness.drainQueue, DrainQueueCounts(status: "degraded", oldestPendingAgeSeconds: 12.5, retryableCount: 1,
                                                              terminalFailedCount: 2, businessRuleRejectedCount: 22))
        XCTAssertTrue(readiness.snapshot.contains("\"terminal_failed_count\" : 2"), readiness.snapshot)
        XCTAssertEqual(try probe.historicalRows(), HistoricalRowsSnapshot(count: 22, digest: "feed"))
        XCTAssertEqual(SaaSPreflight.problems(health: reading, readiness: readiness), [
            "/health/ready/ answered HTTP 503 (status not_ready)", "drain_queue.terminal_failed_count is 2 (must be 0)",
        ])
    }

    func testProbeWithoutADigestEndpointCountsOnly() throws {
        let ready = #"{"status":"ready","dependencies":{"drain_queue":{"terminal_failed_count":0,"business_rule_rejected_count":22}}}"#
        let probe = HTTPSaaSProbe(baseURL: "http://h", fetcher: CannedHTTP(answers: [
            "/health/ready": GateHTTPResponse(status: 200, body: Data(ready.utf8)),
            "/__standin__/historical-digest": GateHTTPResponse(status: 404, body: Data(#"{"error":"not found"}"#.utf8)),
        ]))
        XCTAssertEqual(try probe.historicalRows(), HistoricalRowsSnapshot(count: 22, digest: nil))
        let broken = HTTPSaaSProbe(baseURL: "http://h", fetcher: CannedHTTP(answers: [
            "/health/ready": GateHTTPResponse(status: 200, body: Data(ready.utf8)),
            "/__standin__/historical-digest": GateHTTPResponse(status: 500, body: Data()),
        ]))
        XCTAssertThrowsError(try broken.historicalRows()) { error in
            XCTAssertEqual("\(error)", #"unexpected answer from http://h/__standin__/historical-digest: HTTP 500, expected {"count": N, "sha256": "<hex>"}"#)
        }
        XCTAssertThrowsError(try probe.health()) { error in
            XCTAssertEqual("\(error)", "cannot reach http://h/health/: Connection refused")
        }
    }

    func testPreflightJudgesEveryDocumentedCondition() {
        XCTAssertEqual(SaaSPreflight.problems(health: Build.health, readiness: Build.readiness()), [])
        XCTAssertEqual(SaaSPreflight.problems(health: SaaSHealth(httpStatus: 500, status: nil, eventsVersion: nil),
                                              readiness: SaaSReadiness(httpStatus: 200, status: "starting", drainQueue: nil, snapshot: "")), [
            "/health/ answered HTTP 500", "/health/ reports no spec_kitty_events version", "/health/ready/ status is 'starting', not 'ready'",
            "/health/ready/ has no dependencies.drain_queue",
        ])
        XCTAssertEqual(SaaSPreflight.problems(health: SaaSHealth(httpStatus: 200, status: "ok", eventsVersion: "5.1.0rc1"),
                                              readiness: Build.readiness(terminalFailed: nil)), [
            "spec_kitty_events 5.1.0rc1 is older than 5.1.0", "drain_queue has no terminal_failed_count",
        ])
    }

    func testHistoricalRowChangesAreSpelledOut() {
        let start = HistoricalRowsSnapshot(count: 22, digest: "aaaa")
        XCTAssertEqual(HistoricalRowsSnapshot(count: 22, digest: "aaaa").changes(since: start), [])
        XCTAssertEqual(HistoricalRowsSnapshot(count: 22, digest: "bbbb").changes(since: start), ["digest aaaa -> bbbb"])
        XCTAssertEqual(HistoricalRowsSnapshot(count: 22, digest: nil).changes(since: start), ["digest aaaa -> none"])
        XCTAssertEqual(HistoricalRowsSnapshot(count: nil, digest: "aaaa").changes(since: start), ["count unreadable (22 -> none)"])
    }

    // MARK: Traceability

    func testTraceFromADirectURLCommitAndACloneTag() throws {
        let directURL = #"{"url": "https://github.com/Priivacy-ai/spec-kitty.git", "vcs_info": {"vcs": "git", "commit_id": "feedface0001"}}"#
        XCTAssertEqual(CLITrace.commit(fromDirectURL: directURL), "feedface0001")
        XCTAssertNil(CLITrace.commit(fromDirectURL: #"{"url": "file:///x", "dir_info": {}}"#))

        let noClone = CLITraceabilityCheck(cloneDirectory: nil, processes: FakeProcesses { _ in CommandResult(exitStatus: 1) })
        XCTAssertEqual(noClone.trace(version: "3.2.6rc2", metadata: nil).verdict, .unreadable)
        XCTAssertEqual(noClone.trace(version: "3.2.6rc2", metadata: nil).explanation,
                       "installed from the package index (no direct_url.json commit) and no --cli-repo clone named")
        let floor = InstalledCLIMetadata(cliVersion: "x", eventsVersion: nil, directURL: #"{"vcs_info": {"commit_id": "\#(CLITrace.floorCommit)"}}"#)
        XCTAssertEqual(noClone.trace(version: "x", metadata: floor).verdict, .atOrAfter)

        let clone = FakeProcesses { command in
            if command.arguments.contains("rev-parse") {
                return command.arguments.last == "refs/tags/v3.2.6rc2^{commit}"
                    ? CommandResult(exitStatus: 0, stdout: "0123456789abcdef\n") : CommandResult(exitStatus: 1)
            }
            return CommandResult(exitStatus: command.arguments.last == "0123456789abcdef" ? 0 : 1)
        }
        let check = CLITraceabilityCheck(cloneDirectory: "/src/spec-kitty", processes: clone)
        let traced = check.trace(version: "3.2.6rc2", metadata: nil)
        XCTAssertEqual(traced, CLITrace(verdict: .atOrAfter, commit: "0123456789abcdef", tag: "v3.2.6rc2",
                                        explanation: "commit 0123456789ab (tag v3.2.6rc2 in clone /src/spec-kitty) descends from cc5e1ca983ad"))
        let older = InstalledCLIMetadata(cliVersion: "x", eventsVersion: nil, directURL: #"{"vcs_info": {"commit_id": "aaaa1111"}}"#)
        XCTAssertEqual(check.trace(version: "3.2.0rc15", metadata: older).verdict, .before)
        XCTAssertEqual(check.trace(version: "3.1.0", metadata: nil).explanation, "no tag v3.1.0 or 3.1.0 in clone /src/spec-kitty")
    }

    // MARK: Helpers

    private func makeExecutable() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("spec-kitty-\(UUID().uuidString)").path
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data("#!/bin/sh\n".utf8), attributes: [.posixPermissions: 0o755]))
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }
}
