import CanaryCore
import CanaryGate
import XCTest

/// Every state of the gate with every outcome of its step, including the exact text of each STOPPED report.
final class GateTransitionTests: XCTestCase {
    // MARK: IDLE: verify blockers

    func testIdleMovesOnWhenBothBlockersAreClosedWithSubstantiveFixes() {
        XCTAssertEqual(GateTransition.next(.at(.idle), .blockers(Build.closedBlockers())), .at(.blockersVerified))
    }

    func testIdleStopsOnAnOpenBlocker() {
        let findings = [BlockerFinding(issue: .rollbackBlocker, state: .open, fix: nil),
                        BlockerFinding(issue: .queuedEventsBlocker, state: .closed, fix: Build.substantiveFix)]
        let report = assertStopped(GateTransition.next(.at(.idle), .blockers(findings)), at: .idle, reason: "blocker #1141 is OPEN")
        XCTAssertEqual(report?.nextAction, "wait for #1141 to be fixed and closed; then re-run the gate")
        XCTAssertEqual(report?.reopen, [])
    }

    func testIdleNamesEveryOpenBlocker() {
        let findings = [BlockerFinding(issue: .rollbackBlocker, state: .open, fix: nil),
                        BlockerFinding(issue: .queuedEventsBlocker, state: .open, fix: nil)]
        assertStopped(GateTransition.next(.at(.idle), .blockers(findings)), at: .idle,
                      reason: "blocker #1141 is OPEN; blocker #1182 is OPEN")
    }

    func testIdleStopsOnADiagnosticOnlyFix() {
        let findings = [BlockerFinding(issue: .rollbackBlocker, state: .closed, fix: Build.substantiveFix),
                        BlockerFinding(issue: .queuedEventsBlocker, state: .closed, fix: Build.diagnosticFix)]
        let report = assertStopped(GateTransition.next(.at(.idle), .blockers(findings)), at: .idle,
                                   reason: "fix for #1182 is diagnostic-only: no test added or changed")
        XCTAssertEqual(report?.evidence, ["#1182 fix 9f8e7d6c5b4a3f2e (tracker record)"])
        XCTAssertEqual(report?.nextAction,
                       "ask for a substantive fix of #1182 (code beyond log calls, with a test); then re-run the gate")
    }

    func testIdleStopsOnAFixThatOnlyChangesLogCalls() {
        let logOnly = FixFacts(commit: "abc", source: "clone /src", files: [FixFileChange(path: "src/a.py", addedLines: 2, removedLines: 0)],
                               testsAddedOrChanged: false, codeChangedBeyondLogging: false)
        let findings = [BlockerFinding(issue: .rollbackBlocker, state: .closed, fix: logOnly)]
        assertStopped(GateTransition.next(.at(.idle), .blockers(findings)), at: .idle,
                      reason: "fix for #1141 is diagnostic-only: only log calls changed and no test added or changed")
    }

    func testIdleStopsOnAFixThatOnlyTouchesTests() {
        let testsOnly = FixFacts(commit: "abc", source: "tracker record",
                                 files: [FixFileChange(path: "tests/test_a.py", addedLines: 9, removedLines: 0)],
                                 testsAddedOrChanged: true, codeChangedBeyondLogging: false)
        let findings = [BlockerFinding(issue: .rollbackBlocker, state: .closed, fix: testsOnly)]
        assertStopped(GateTransition.next(.at(.idle), .blockers(findings)), at: .idle,
                      reason: "fix for #1141 is diagnostic-only: no code changed outside tests")
    }

    func testIdleStopsOnAClosedBlockerWithoutAKnownFix() {
        let findings = [BlockerFinding(issue: .rollbackBlocker, state: .closed, fix: nil)]
        assertStopped(GateTransition.next(.at(.idle), .blockers(findings)), at: .idle,
                      reason: "blocker #1141 is CLOSED but no fix commit is known")
    }

    func testIdleStopsOnAnUnreadableBlocker() {
        let findings = [BlockerFinding(issue: .queuedEventsBlocker, state: nil, fix: nil, unreadable: "gh exited 1")]
        assertStopped(GateTransition.next(.at(.idle), .blockers(findings)), at: .idle,
                      reason: "cannot verify blocker #1182: gh exited 1")
    }

    func testIdleStopsWhenNoBlockerWasChecked() {
        assertStopped(GateTransition.next(.at(.idle), .blockers([])), at: .idle, reason: "no blockers were checked")
    }

    // MARK: BLOCKERS_VERIFIED: newest RC, installed

    func testBlockersVerifiedMovesOnWhenANewerRCIsInstalled() {
        let facts = ReleaseCandidateObservation(baseline: Build.version("3.2.0rc15"), selection: Build.selection("3.2.6rc2"),
                                                installed: Build.cli)
        XCTAssertEqual(GateTransition.next(.at(.blockersVerified), .releaseCandidate(facts)), .at(.rcInstalled))
    }

    func testBlockersVerifiedStopsWhenTheLatestRCIsTheBaseline() {
        let facts = ReleaseCandidateObservation(baseline: Build.version("3.2.0rc15"), selection: Build.selection("3.2.0rc15"))
        let report = assertStopped(GateTransition.next(.at(.blockersVerified), .releaseCandidate(facts)), at: .blockersVerified,
                                   reason: "latest RC 3.2.0rc15 equals baseline 3.2.0rc15: need rc16")
        XCTAssertEqual(report?.nextAction, "publish 3.2.0rc16 or newer in line 3.2, then re-run the gate")
    }

    func testBlockersVerifiedStopsWhenTheLatestRCIsOlderThanTheBaseline() {
        let facts = ReleaseCandidateObservation(baseline: Build.version("3.2.0rc15"), selection: Build.selection("3.2.0rc14"))
        assertStopped(GateTransition.next(.at(.blockersVerified), .releaseCandidate(facts)), at: .blockersVerified,
                      reason: "latest RC 3.2.0rc14 is older than baseline 3.2.0rc15: need rc16")
    }

    func testBlockersVerifiedStopsWhenTheLineHasNoRC() throws {
        let selection = ReleaseCandidateSelection.pick(from: ["3.1.10", "3.2.7"], line: try ReleaseLine("3.3"))
        let facts = ReleaseCandidateObservation(baseline: Build.version("3.2.0rc15"), selection: selection)
        assertStopped(GateTransition.next(.at(.blockersVerified), .releaseCandidate(facts)), at: .blockersVerified,
                      reason: "no release candidate in line 3.3 among 2 listed versions: need rc16")
    }

    func testBlockersVerifiedStopsWhenTheInstallFails() {
        let facts = ReleaseCandidateObservation(baseline: Build.version("3.2.0rc15"), selection: Build.selection("3.2.6rc2"),
                                                installError: "pip exited 1", installLog: "/attempt/install-3.2.6rc2.log")
        let report = assertStopped(GateTransition.next(.at(.blockersVerified), .releaseCandidate(facts)), at: .blockersVerified,
                                   reason: "installing spec-kitty-cli 3.2.6rc2 failed: pip exited 1")
        XCTAssertEqual(report?.evidence, ["/attempt/install-3.2.6rc2.log"])
    }

    func testBlockersVerifiedStopsWhenTheInstalledVersionIsNotTheChosenOne() {
        let facts = ReleaseCandidateObservation(baseline: Build.version("3.2.0rc15"), selection: Build.selection("3.2.6rc2"),
                                                installed: InstalledCLI(version: "3.2.6rc1", binary: "/b/spec-kitty"))
        assertStopped(GateTransition.next(.at(.blockersVerified), .releaseCandidate(facts)), at: .blockersVerified,
                      reason: "installed 3.2.6rc1, not the chosen 3.2.6rc2")
    }

    func testBlockersVerifiedStopsWhenANewerRCWasNeitherInstalledNorFailed() {
        let facts = ReleaseCandidateObservation(baseline: Build.version("3.2.0rc15"), selection: Build.selection("3.2.6rc2"))
        assertStopped(GateTransition.next(.at(.blockersVerified), .releaseCandidate(facts)), at: .blockersVerified,
                      reason: "harness error: 3.2.6rc2 was chosen but neither installed nor reported as failing")
    }

    // MARK: RC_INSTALLED: imports, traceability, SaaS

    func testRCInstalledMovesOnWhenEverythingIsClean() {
        XCTAssertEqual(GateTransition.next(.at(.rcInstalled), .preflight(Build.preflight())), .at(.preflightClean))
    }

    func testAnUnreadableTraceIsReportedNotFailed() {
        let trace = CLITrace(verdict: .unreadable, commit: nil, tag: nil, explanation: "no clone")
        XCTAssertEqual(GateTransition.next(.at(.rcInstalled), .preflight(Build.preflight(trace: trace))), .at(.preflightClean))
    }

    func testRCInstalledStopsWhenTheCLIHasNoSyncPackage() {
        let imports = ImportCheckResult(modules: ImportCheckResult.syncModules, passed: false,
                                        message: "No module named 'specify_cli.sync'")
        let cli = InstalledCLI(version: "4.0.0rc7", binary: "/venvs/4.0.0rc7/bin/spec-kitty")
        let report = assertStopped(GateTransition.next(.at(.rcInstalled), .preflight(Build.preflight(imports: imports, cli: cli))),
                                   at: .rcInstalled, reason: "import check failed: No module named 'specify_cli.sync'")
        XCTAssertEqual(report?.nextAction,
                       "spec-kitty-cli 4.0.0rc7 has no sync surface (cli.unsupported): choose a release line that has one "
                           + "(e.g. --line 3.2) or wait for an RC that ships specify_cli.sync; then re-run the gate")
    }

    func testRCInstalledStopsWhenTheSaaSIsNotReady() {
        let readiness = Build.readiness(httpStatus: 503, status: "not_ready", terminalFailed: 3)
        assertStopped(GateTransition.next(.at(.rcInstalled), .preflight(Build.preflight(readiness: readiness))), at: .rcInstalled,
                      reason: "SaaS degraded: /health/ready/ answered HTTP 503 (status not_ready); "
                          + "drain_queue.terminal_failed_count is 3 (must be 0)")
    }

    func testRCInstalledStopsWhenTheSaaSValidatesWithOldEvents() {
        let health = SaaSHealth(httpStatus: 200, status: "ok", eventsVersion: "5.0.2")
        assertStopped(GateTransition.next(.at(.rcInstalled), .preflight(Build.preflight(health: health))), at: .rcInstalled,
                      reason: "SaaS degraded: spec_kitty_events 5.0.2 is older than 5.1.0")
    }

    func testRCInstalledStopsWhenTheSaaSIsUnreachable() {
        let facts = Build.preflight(health: nil, readiness: nil, rows: nil,
                                    saasError: "cannot reach http://127.0.0.1:8765/health/: Connection refused")
        assertStopped(GateTransition.next(.at(.rcInstalled), .preflight(facts)), at: .rcInstalled,
                      reason: "SaaS degraded: cannot reach http://127.0.0.1:8765/health/: Connection refused")
    }

    func testRCInstalledStopsWhenTheHistoricalRowsCannotBeCounted() {
        let facts = Build.preflight(readiness: Build.readiness(businessRule: nil), rows: HistoricalRowsSnapshot(count: nil, digest: nil))
        assertStopped(GateTransition.next(.at(.rcInstalled), .preflight(facts)), at: .rcInstalled,
                      reason: "historical business-rule rows unreadable: /health/ready/ reports no business_rule_rejected_count")
    }

    func testRCInstalledStopsWhenTheCLIPredatesTheFloorCommit() {
        let trace = CLITrace(verdict: .before, commit: "0123456789ab", tag: "v3.2.6rc2",
                             explanation: "commit 0123456789ab (tag v3.2.6rc2) does not contain cc5e1ca983ad")
        assertStopped(GateTransition.next(.at(.rcInstalled), .preflight(Build.preflight(trace: trace))), at: .rcInstalled,
                      reason: "CLI 3.2.6rc2 predates the identity-boundary floor: commit 0123456789ab (tag v3.2.6rc2) does not contain cc5e1ca983ad")
    }

    func testRCInstalledReportsEveryProblemAtOnce() {
        let imports = ImportCheckResult(modules: ImportCheckResult.syncModules, passed: false, message: "No module named 'specify_cli.sync'")
        let facts = Build.preflight(imports: imports, readiness: Build.readiness(terminalFailed: 1))
        assertStopped(GateTransition.next(.at(.rcInstalled), .preflight(facts)), at: .rcInstalled,
                      reason: "import check failed: No module named 'specify_cli.sync'; "
                          + "SaaS degraded: drain_queue.terminal_failed_count is 1 (must be 0)")
    }

    // MARK: PREFLIGHT_CLEAN: single run

    func testPreflightCleanMovesOnWhenTheSingleRunPasses() {
        XCTAssertEqual(GateTransition.next(.at(.preflightClean), .canaryRun(Build.canaryRun(.single))), .at(.singleRunPassed))
    }

    func testSingleRunRollbackFailureReopensTheRollbackBlocker() {
        let run = Build.canaryRun(.single, runs: [Build.runFile(1, failing: [4: "queue.rollback_row_missing"])])
        let report = assertStopped(GateTransition.next(.at(.preflightClean), .canaryRun(run)), at: .preflightClean,
                                   reason: "scenario 4 failed: queue.rollback_row_missing -> re-open #1141 [details 4]")
        XCTAssertEqual(report?.reopen, [.rollbackBlocker])
        XCTAssertEqual(report?.evidence, ["/bundles/3.2.6rc2-attempt1", "/attempt/single-run.log"])
        XCTAssertEqual(report?.nextAction,
                       "re-open #1141 with the evidence at /bundles/3.2.6rc2-attempt1 and keep the bundle; then re-run the gate")
    }

    func testForceReasonMissingAlsoMapsToTheRollbackBlocker() {
        let run = Build.canaryRun(.single, runs: [Build.runFile(1, failing: [4: "contract.force_reason_missing"])])
        let report = assertStopped(GateTransition.next(.at(.preflightClean), .canaryRun(run)), at: .preflightClean,
                                   reason: "scenario 4 failed: contract.force_reason_missing -> re-open #1141 [details 4]")
        XCTAssertEqual(report?.reopen, [.rollbackBlocker])
    }

    func testQueuedEventsCountedAsErrorsReopenTheQueuedEventsBlocker() {
        let run = Build.canaryRun(.single, runs: [Build.runFile(1, failing: [1: "sync.event_loop_unavailable"])])
        let report = assertStopped(GateTransition.next(.at(.preflightClean), .canaryRun(run)), at: .preflightClean,
                                   reason: "scenario 1 failed: sync.event_loop_unavailable -> re-open #1182 [details 1]")
        XCTAssertEqual(report?.reopen, [.queuedEventsBlocker])
    }

    func testScenariosFailingTheSameWayAreOneFindingInTheCLIsOwnWords() throws {
        // Recorded from the real 3.2.6rc2 (setup-plan refuses a host its own `auth login` authenticated).
        func details(_ slug: String) -> String {
            "failed - cli.command_failed: agent mission setup-plan: `/opt/canary/.venv-spec-kitty/3.2.6rc2/bin/spec-kitty agent "
                + "mission setup-plan --mission \(slug) --json` exit 2\n{\"error_code\": \"SAAS_SYNC_UNAUTHENTICATED\", \"error\": "
                + "\"SaaS sync cannot be guaranteed: no authenticated session/credentials found.\"}\n"
                + "scenario directory: /tmp/spec-kitty-canary/scenario-1 (Scenario1FreshAuthenticatedMissionTests.swift:9)"
        }
        let scenarios = (1 ... 4).map {
            GateRunFile.Scenario(id: $0, status: "fail", failureMode: "cli.command_failed", details: details("canary-mission-\($0)"))
        }
        let run = Build.canaryRun(.single, runs: [GateRunFile(outcome: "fail", runNumber: 1, scenarios: scenarios)])
        assertStopped(GateTransition.next(.at(.preflightClean), .canaryRun(run)), at: .preflightClean,
                      reason: "scenarios 1, 2, 3, 4 failed: cli.command_failed -> no blocker maps to cli.command_failed: "
                          + "file a new issue with this evidence [scenario 1: agent mission setup-plan: exit 2 "
                          + "{\"error_code\": \"SAAS_SYNC_UNAUTHENTICATED\", \"error\": \"SaaS sync cannot be guaranteed: "
                          + "no authenticated session/credentials found.\"}]")
    }

    func testAFailureNoBlockerMapsToSaysSo() {
        let run = Build.canaryRun(.single, runs: [Build.runFile(1, failing: [2: "sync.rejected_by_saas"])])
        let report = assertStopped(GateTransition.next(.at(.preflightClean), .canaryRun(run)), at: .preflightClean,
                                   reason: "scenario 2 failed: sync.rejected_by_saas -> no blocker maps to sync.rejected_by_saas: "
                                       + "file a new issue with this evidence [details 2]")
        XCTAssertEqual(report?.reopen, [])
        XCTAssertEqual(report?.nextAction,
                       "investigate the failing scenarios from the evidence at /bundles/3.2.6rc2-attempt1; then re-run the gate")
    }

    func testAHarnessErrorIsBlamedOnTheCanary() {
        let run = Build.canaryRun(.single, runs: [Build.runFile(1, failing: [3: "harness.error"])])
        assertStopped(GateTransition.next(.at(.preflightClean), .canaryRun(run)), at: .preflightClean,
                      reason: "scenario 3 failed: harness.error -> harness error: fix the canary, not the CLI [details 3]")
    }

    func testAFailureWithoutAFailureModeIsAHarnessError() {
        let run = Build.canaryRun(.single, runs: [Build.runFile(1, failing: [3: nil])])
        assertStopped(GateTransition.next(.at(.preflightClean), .canaryRun(run)), at: .preflightClean,
                      reason: "scenario 3 failed: no failure mode -> no failure mode recorded (harness error): "
                          + "fix the canary's classification [details 3]")
    }

    func testAServerThatDegradedDuringTheRunMapsToNoBlocker() {
        let run = Build.canaryRun(.single, runs: [Build.runFile(1, failing: [1: "saas.not_ready"])])
        assertStopped(GateTransition.next(.at(.preflightClean), .canaryRun(run)), at: .preflightClean,
                      reason: "scenario 1 failed: saas.not_ready -> the server degraded during the run: no blocker maps to it [details 1]")
    }

    func testTheScriptsPreflightRefusalStopsWithItsSummary() {
        let run = CanaryRunObservation(
            mode: .single, script: CanaryScriptOutcome(exitStatus: 2, evidenceDirectory: nil, summaryLine: "canary: preflight: sync daemon running"),
            runs: [], manifest: nil, scriptLog: "/attempt/single-run.log"
        )
        let report = assertStopped(GateTransition.next(.at(.preflightClean), .canaryRun(run)), at: .preflightClean,
                                   reason: "canary preflight failed (exit 2): canary: preflight: sync daemon running")
        XCTAssertEqual(report?.evidence, ["/attempt/single-run.log"])
    }

    func testAScriptThatNamesNoEvidenceStops() {
        let run = CanaryRunObservation(
            mode: .single, script: CanaryScriptOutcome(exitStatus: 1, evidenceDirectory: nil, summaryLine: nil), runs: [], manifest: nil
        )
        assertStopped(GateTransition.next(.at(.preflightClean), .canaryRun(run)), at: .preflightClean,
                      reason: "the canary script (exit 1) named no evidence directory: no output")
    }

    func testAMissingRunFileStops() {
        let run = Build.canaryRun(.single, runs: [])
        assertStopped(GateTransition.next(.at(.preflightClean), .canaryRun(run)), at: .preflightClean,
                      reason: "expected 1 run file(s) in /bundles/3.2.6rc2-attempt1/runs, found 0")
    }

    func testAPartialRunDoesNotPass() {
        let partial = GateRunFile(outcome: "pass", runNumber: 1, partial: true,
                                  scenarios: [GateRunFile.Scenario(id: 1, status: "pass"), GateRunFile.Scenario(id: 2, status: "pass")])
        assertStopped(GateTransition.next(.at(.preflightClean), .canaryRun(Build.canaryRun(.single, runs: [partial], exitStatus: 0))),
                      at: .preflightClean, reason: "2 of 4 scenarios recorded (partial run)")
    }

    func testExitCodeAndRunFilesMustAgree() {
        let run = Build.canaryRun(.single, exitStatus: 1)
        assertStopped(GateTransition.next(.at(.preflightClean), .canaryRun(run)), at: .preflightClean,
                      reason: "the canary script exited 1 though every run file says pass")
        let contradictory = Build.canaryRun(.single, runs: [Build.runFile(1, outcome: "fail")], exitStatus: 1)
        assertStopped(GateTransition.next(.at(.preflightClean), .canaryRun(contradictory)), at: .preflightClean,
                      reason: "run file says 'fail' though all its scenarios pass")
    }

    func testRunsThatDroveAnotherCLIDoNotCount() {
        let other = GateRunFile(outcome: "pass", runNumber: 1, cliVersion: "3.2.7", scenarios: Build.runFile(1).scenarios)
        assertStopped(GateTransition.next(.at(.preflightClean), .canaryRun(Build.canaryRun(.single, runs: [other]))), at: .preflightClean,
                      reason: "drove CLI 3.2.7, not the installed 3.2.6rc2")
        let sameVersionOtherSpelling = GateRunFile(outcome: "pass", runNumber: 1, cliVersion: "3.2.6-rc.2", scenarios: Build.runFile(1).scenarios)
        XCTAssertEqual(GateTransition.next(.at(.preflightClean), .canaryRun(Build.canaryRun(.single, runs: [sameVersionOtherSpelling]))),
                       .at(.singleRunPassed))
    }

    func testATamperedBundleStops() {
        let manifest = ManifestVerification(verifiedFiles: 0, problems: ["runs/run-1.json does not match its digest in MANIFEST.sha256"])
        assertStopped(GateTransition.next(.at(.preflightClean), .canaryRun(Build.canaryRun(.single, manifest: manifest))), at: .preflightClean,
                      reason: "evidence bundle does not verify: runs/run-1.json does not match its digest in MANIFEST.sha256")
    }

    func testAnUncheckedManifestStops() {
        assertStopped(GateTransition.next(.at(.preflightClean), .canaryRun(Build.canaryRun(.single, manifest: nil))), at: .preflightClean,
                      reason: "evidence bundle was not checked against MANIFEST.sha256")
    }

    // MARK: SINGLE_RUN_PASSED: four runs

    func testSingleRunPassedMovesOnWhenFourRunsPassAndTheRowsHold() {
        XCTAssertEqual(GateTransition.next(.at(.singleRunPassed), .canaryRun(Build.canaryRun(.fourRun))), .at(.fourRunPassed))
    }

    func testAFailureInAnyOfTheFourRunsStopsAndNamesTheRun() {
        let runs = [Build.runFile(1), Build.runFile(2, failing: [4: "queue.rollback_row_missing"]), Build.runFile(3), Build.runFile(4)]
        let report = assertStopped(GateTransition.next(.at(.singleRunPassed), .canaryRun(Build.canaryRun(.fourRun, runs: runs))),
                                   at: .singleRunPassed, reason: "run 2: scenario 4 failed: queue.rollback_row_missing -> re-open #1141 [details 4]")
        XCTAssertEqual(report?.reopen, [.rollbackBlocker])
    }

    func testFailuresMappingToBothBlockersReopenBoth() {
        let runs = [Build.runFile(1, failing: [1: "sync.event_loop_unavailable"]), Build.runFile(2),
                    Build.runFile(3, failing: [4: "queue.rollback_row_missing"]), Build.runFile(4, failing: [4: "queue.rollback_row_missing"])]
        let report = assertStopped(
            GateTransition.next(.at(.singleRunPassed), .canaryRun(Build.canaryRun(.fourRun, runs: runs))), at: .singleRunPassed,
            reason: "run 1: scenario 1 failed: sync.event_loop_unavailable -> re-open #1182 [details 1]; "
                + "run 3: scenario 4 failed: queue.rollback_row_missing -> re-open #1141 [details 4]; "
                + "run 4: scenario 4 failed: queue.rollback_row_missing -> re-open #1141 [details 4]"
        )
        XCTAssertEqual(report?.reopen, [.queuedEventsBlocker, .rollbackBlocker])
    }

    func testFewerThanFourRunFilesStop() {
        let runs = (1 ... 3).map { Build.runFile($0) }
        assertStopped(GateTransition.next(.at(.singleRunPassed), .canaryRun(Build.canaryRun(.fourRun, runs: runs, exitStatus: 0))),
                      at: .singleRunPassed, reason: "expected 4 run file(s) in /bundles/3.2.6rc2-attempt1/runs, found 3")
    }

    func testChangedHistoricalRowsStop() {
        let rows = HistoricalRowsCheck(start: Build.rows, end: HistoricalRowsSnapshot(count: 21, digest: "0badbeef"))
        let report = assertStopped(GateTransition.next(.at(.singleRunPassed), .canaryRun(Build.canaryRun(.fourRun, rows: rows))),
                                   at: .singleRunPassed,
                                   reason: "historical business-rule rows changed: count 22 -> 21, digest d1e5c0ffee -> 0badbeef")
        XCTAssertEqual(report?.nextAction, "find what touched the historical rows (nothing may) before any re-run; then re-run the gate")
    }

    func testUnreadableHistoricalRowsAtTheEndStop() {
        let rows = HistoricalRowsCheck(start: Build.rows, end: nil, error: "cannot reach the server")
        assertStopped(GateTransition.next(.at(.singleRunPassed), .canaryRun(Build.canaryRun(.fourRun, rows: rows))), at: .singleRunPassed,
                      reason: "historical business-rule rows changed: unreadable at the end: cannot reach the server")
    }

    func testUncomparedHistoricalRowsStop() {
        assertStopped(GateTransition.next(.at(.singleRunPassed), .canaryRun(Build.canaryRun(.fourRun, rows: nil))), at: .singleRunPassed,
                      reason: "historical business-rule rows were not compared after the four-run protocol")
    }

    // MARK: FOUR_RUN_PASSED: e2e#41

    func testFourRunPassedMovesOnWhenE2E41IsCommentedAndClosed() {
        let update = IssueUpdateObservation(issue: .e2eGate, commentLocation: "https://x/41#c1", stateAfter: .closed)
        XCTAssertEqual(GateTransition.next(.at(.fourRunPassed), .e2eGateClosure(update)), .at(.e2eGateClosed))
    }

    func testFourRunPassedStopsWhenTheCommentCannotBePosted() {
        let update = IssueUpdateObservation(issue: .e2eGate, commentLocation: nil, stateAfter: nil, bodyPath: "/attempt/comment.md",
                                            error: "posting the comment: HTTP 502")
        let report = assertStopped(GateTransition.next(.at(.fourRunPassed), .e2eGateClosure(update)), at: .fourRunPassed,
                                   reason: "evidence for spec-kitty-e2e#41 was not recorded: posting the comment: HTTP 502")
        XCTAssertEqual(report?.evidence, ["/attempt/comment.md"])
    }

    func testFourRunPassedStopsWhenE2E41StaysOpen() {
        let update = IssueUpdateObservation(issue: .e2eGate, commentLocation: "https://x/41#c1", stateAfter: .open)
        assertStopped(GateTransition.next(.at(.fourRunPassed), .e2eGateClosure(update)), at: .fourRunPassed,
                      reason: "spec-kitty-e2e#41 is still OPEN after its evidence comment")
    }

    func testFourRunPassedStopsWithoutAComment() {
        let update = IssueUpdateObservation(issue: .e2eGate, commentLocation: nil, stateAfter: .closed)
        assertStopped(GateTransition.next(.at(.fourRunPassed), .e2eGateClosure(update)), at: .fourRunPassed,
                      reason: "no evidence comment was posted on spec-kitty-e2e#41")
    }

    // MARK: E2E_GATE_CLOSED: Teamspace x4

    private func teamspace(_ runs: [TeamspaceRunResult], rows: HistoricalRowsCheck? = HistoricalRowsCheck(start: Build.rows, end: Build.rows)) -> GateObservation {
        .teamspace(TeamspaceObservation(command: "swift test", runs: runs, requiredRuns: 4, historicalRows: rows))
    }

    func testE2EGateClosedMovesOnAfterFourTeamspacePasses() {
        XCTAssertEqual(GateTransition.next(.at(.e2eGateClosed), teamspace((1 ... 4).map { Build.teamspaceRun($0) })), .at(.teamspacePassed))
    }

    func testATeamspaceFailureNeedsItsRootCause() {
        let runs = [Build.teamspaceRun(1), Build.teamspaceRun(2, exit: 1, junit: GateJUnitTotals(tests: 6, failures: 1, errors: 0, skipped: 0))]
        let report = assertStopped(GateTransition.next(.at(.e2eGateClosed), teamspace(runs)), at: .e2eGateClosed,
                                   reason: "Teamspace run 2 of 4 failed (exit 1; JUnit: 1 failure(s), 0 error(s)): root cause required")
        XCTAssertEqual(report?.evidence, ["/tmp/teamspace-canary-run-2.log", "/tmp/teamspace-canary-run-2.xml"])
    }

    func testATeamspaceRunThatRanNoTestDoesNotPass() {
        let runs = [Build.teamspaceRun(1, junit: GateJUnitTotals(tests: 0, failures: 0, errors: 0, skipped: 0))]
        assertStopped(GateTransition.next(.at(.e2eGateClosed), teamspace(runs)), at: .e2eGateClosed,
                      reason: "Teamspace run 1 of 4 failed (its JUnit report has no test cases (does the suite exist?)): root cause required")
    }

    func testATeamspaceRunWithoutAReportDoesNotPass() {
        let runs = [Build.teamspaceRun(1, junit: nil)]
        assertStopped(GateTransition.next(.at(.e2eGateClosed), teamspace(runs)), at: .e2eGateClosed,
                      reason: "Teamspace run 1 of 4 failed (no readable JUnit report at /tmp/teamspace-canary-run-1.xml): root cause required")
    }

    func testTooFewTeamspaceRunsStop() {
        assertStopped(GateTransition.next(.at(.e2eGateClosed), teamspace((1 ... 3).map { Build.teamspaceRun($0) })), at: .e2eGateClosed,
                      reason: "only 3 of 4 Teamspace runs were recorded: root cause required")
    }

    func testHistoricalRowsAreCheckedAfterTeamspaceToo() {
        let changed = HistoricalRowsCheck(start: Build.rows, end: HistoricalRowsSnapshot(count: 23, digest: "d1e5c0ffee"))
        assertStopped(GateTransition.next(.at(.e2eGateClosed), teamspace((1 ... 4).map { Build.teamspaceRun($0) }, rows: changed)),
                      at: .e2eGateClosed, reason: "historical business-rule rows changed: count 22 -> 23")
        assertStopped(GateTransition.next(.at(.e2eGateClosed), teamspace((1 ... 4).map { Build.teamspaceRun($0) }, rows: nil)),
                      at: .e2eGateClosed, reason: "historical business-rule rows were not compared after the Teamspace runs")
    }

    // MARK: TEAMSPACE_PASSED: #1038

    func testTeamspacePassedCompletesWhen1038IsCommentedAndStaysOpen() {
        let update = IssueUpdateObservation(issue: .releaseTracking, commentLocation: "https://x/1038#c9", stateAfter: .open)
        XCTAssertEqual(GateTransition.next(.at(.teamspacePassed), .releaseComment(update)), .at(.gateComplete))
    }

    func testTeamspacePassedStopsIf1038IsClosed() {
        let update = IssueUpdateObservation(issue: .releaseTracking, commentLocation: "https://x/1038#c9", stateAfter: .closed)
        let report = assertStopped(GateTransition.next(.at(.teamspacePassed), .releaseComment(update)), at: .teamspacePassed,
                                   reason: "#1038 is CLOSED after its evidence comment; it must stay OPEN")
        XCTAssertEqual(report?.nextAction, "re-open #1038; its evidence comment is posted")
    }

    func testTeamspacePassedStopsWhenTheCommentFails() {
        let update = IssueUpdateObservation(issue: .releaseTracking, commentLocation: nil, stateAfter: nil, error: "posting the comment: 401")
        assertStopped(GateTransition.next(.at(.teamspacePassed), .releaseComment(update)), at: .teamspacePassed,
                      reason: "evidence comment on #1038 failed: posting the comment: 401")
        let silent = IssueUpdateObservation(issue: .releaseTracking, commentLocation: nil, stateAfter: .open)
        assertStopped(GateTransition.next(.at(.teamspacePassed), .releaseComment(silent)), at: .teamspacePassed,
                      reason: "no evidence comment was posted on #1038")
    }

    // MARK: Any state

    func testAStepThatCannotRunStopsFromItsState() {
        for stage in GateStage.allCases {
            guard let step = stage.step else { continue }
            let failure = GateStepFailure(step: step, message: "boom", evidence: ["/x.log"])
            let report = assertStopped(GateTransition.next(GateState.at(stage), .stepFailed(failure)), at: stage,
                                       reason: "\(step.label) could not run: boom")
            XCTAssertEqual(report?.evidence, ["/x.log"])
        }
    }

    func testAnObservationFromTheWrongStepIsAHarnessError() {
        assertStopped(GateTransition.next(.at(.idle), .canaryRun(Build.canaryRun(.single))), at: .idle,
                      reason: "harness error: a single_run observation does not answer IDLE's step (verify_blockers)")
        assertStopped(GateTransition.next(.at(.preflightClean), .canaryRun(Build.canaryRun(.fourRun))), at: .preflightClean,
                      reason: "harness error: a four_run observation does not answer PREFLIGHT_CLEAN's step (single_run)")
    }

    func testTerminalStatesDoNotMove() {
        XCTAssertEqual(GateTransition.next(.at(.gateComplete), .blockers(Build.closedBlockers())), .at(.gateComplete))
        let stopped = GateState.stopped(GateStopReport(stoppedAt: .idle, reason: "x", nextAction: "y"))
        XCTAssertEqual(GateTransition.next(stopped, .blockers(Build.closedBlockers())), stopped)
        XCTAssertTrue(GateState.at(.gateComplete).isTerminal)
        XCTAssertTrue(stopped.isTerminal)
        XCTAssertEqual(stopped.name, "STOPPED")
    }

    func testEveryStageHasItsStepInDesignOrder() {
        XCTAssertEqual(GateStage.allCases.map(\.rawValue), [
            "IDLE", "BLOCKERS_VERIFIED", "RC_INSTALLED", "PREFLIGHT_CLEAN", "SINGLE_RUN_PASSED", "FOUR_RUN_PASSED",
            "E2E_GATE_CLOSED", "TEAMSPACE_PASSED", "GATE_COMPLETE",
        ])
        XCTAssertEqual(GateStage.allCases.compactMap(\.step), GateStep.allCases)
        for stage in GateStage.allCases { XCTAssertEqual(GateState.at(stage).stage, stage) }
    }
}
