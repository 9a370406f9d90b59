import CanaryCore
import CanaryGate
import Foundation
import XCTest

/// The runner end to end with fake step implementations: journal, comments, closures, re-opens.
final class GateRunnerTests: XCTestCase {
    private struct Rig {
        let tracker: MemoryTracker
        let files = MemoryFiles()
        let artifacts = MemoryArtifacts()
        let canary: FakeCanary
        var installer = FakeInstaller()
        var teamspace = FakeTeamspace()
        var saas = FakeSaaS()
        var versions = ["3.2.0rc15", "3.2.6rc1", "3.2.6rc2", "3.2.7", "4.0.0rc7"]
        var line: String? = "3.2"
        let progress = Locked<[String]>([])

        init(tracker: MemoryTracker = .standard()) {
            self.tracker = tracker
            canary = FakeCanary(files: files)
        }

        func run() throws -> GateOutcome {
            var configuration = GateConfiguration(baseline: try SpecKittyVersion("3.2.0rc15"), line: try line.map(ReleaseLine.init))
            configuration.teamspaceDirectory = "/teamspace"
            let steps = GateSteps(
                tracker: tracker, index: FixedPackageIndex(versions), installer: installer,
                traceability: CLITraceabilityCheck(cloneDirectory: nil, processes: FakeProcesses { _ in CommandResult(exitStatus: 1) }),
                saas: saas, canary: canary, teamspace: teamspace, bundleFiles: files
            )
            let progress = progress
            let runner = GateRunner(
                configuration: configuration, steps: steps, artifacts: artifacts, progress: { line in progress.withLock { $0.append(line) } },
                now: { Date(timeIntervalSince1970: 1_795_000_000) }
            )
            return runner.run()
        }

        var journalLines: [[String: Any]] {
            (artifacts.text(GateRunner.journalName) ?? "").split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
        }
    }

    func testACleanWalkCompletesTheGate() throws {
        let rig = Rig()
        let outcome = try rig.run()

        XCTAssertEqual(outcome.finalState, .at(.gateComplete))
        XCTAssertEqual(outcome.exitCode, 0)
        // One journal line per step, each naming its state, step and next state.
        let journal = rig.journalLines
        XCTAssertEqual(journal.map { $0["state"] as? String }, GateStage.allCases.dropLast().map(\.rawValue))
        XCTAssertEqual(journal.map { $0["step"] as? String }, GateStep.allCases.map(\.rawValue))
        XCTAssertEqual(journal.map { $0["next_state"] as? String }, GateStage.allCases.dropFirst().map(\.rawValue))
        XCTAssertEqual(journal.first?["time"] as? String, "2026-11-18T11:06:40.000Z")
        XCTAssertEqual((journal.first?["observation"] as? [String: Any])?["kind"] as? String, "blockers")
        XCTAssertNil(journal.first?["stop"])

        // e2e#41: commented, then closed; #1038: commented and left open.
        XCTAssertEqual(rig.tracker.actions.current, ["comment spec-kitty-e2e#41", "close spec-kitty-e2e#41", "comment spec-kitty#1038"])
        XCTAssertEqual(try rig.tracker.issue(.e2eGate).state, .closed)
        XCTAssertEqual(try rig.tracker.issue(.releaseTracking).state, .open)
        let posted = rig.tracker.posted.current
        XCTAssertTrue(posted[0].body.contains("four-run protocol 4/4 runs pass (16/16 scenarios)"))
        XCTAssertTrue(posted[1].body.contains("This issue stays open."))
        XCTAssertEqual(rig.artifacts.text("comment-spec-kitty-e2e-41.md"), posted[0].body)
        XCTAssertEqual(rig.artifacts.text("comment-spec-kitty-1038.md"), posted[1].body)

        // The newest RC of line 3.2 was chosen and installed; both protocol modes ran in order.
        XCTAssertEqual(outcome.ledger.installedCLI?.version, "3.2.6rc2")
        XCTAssertEqual(rig.canary.calls.current, [.single, .fourRun])
        XCTAssertEqual(rig.teamspace.calls.current, [1, 2, 3, 4])
        XCTAssertEqual(rig.artifacts.text("install-3.2.6rc2.log"), "installing 3.2.6rc2\n")
        XCTAssertEqual(rig.artifacts.text("four-run.log"),
                       "canary output for four_run\ncanary: run 1/4: started\nnot progress\ncanary: run 1/4: pass (1s)\n")
        let progress = rig.progress.current
        XCTAssertTrue(progress.contains("  canary: run 1/4: started"), "the script's progress lines reach the gate's, whole")
        XCTAssertTrue(progress.contains("  canary: run 1/4: pass (1s)"))
        XCTAssertFalse(progress.contains { $0.contains("not progress") || $0.contains("canary output") }, "the rest stays in the log")

        let report = try XCTUnwrap(rig.artifacts.text(GateRunner.reportName))
        XCTAssertTrue(report.hasPrefix("canary gate: GATE_COMPLETE\n"), report)
        XCTAssertTrue(report.contains("next: release 3.2.6rc2; the evidence is on spec-kitty-e2e#41 (closed) and spec-kitty#1038 (stays open)"))
        XCTAssertTrue(report.contains("  - gate journal: /attempts/attempt-1/gate-journal.jsonl"))
        XCTAssertTrue(rig.progress.current.contains("gate: IDLE -> BLOCKERS_VERIFIED: #1141 CLOSED, fix 1a2b3c4d5e6f substantive (tracker record); #1182 CLOSED, fix 1a2b3c4d5e6f substantive (tracker record)"))
    }

    func testAnOpenBlockerStopsBeforeAnythingIsInstalled() throws {
        let rig = Rig(tracker: .standard(rollback: .open))
        let outcome = try rig.run()

        let report = try XCTUnwrap(outcome.finalState.stopReport)
        XCTAssertEqual(report.reason, "blocker #1141 is OPEN")
        XCTAssertEqual(outcome.exitCode, 1)
        XCTAssertEqual(rig.journalLines.count, 1)
        XCTAssertEqual(rig.journalLines[0]["next_state"] as? String, "STOPPED")
        XCTAssertEqual((rig.journalLines[0]["stop"] as? [String: Any])?["reason"] as? String, "blocker #1141 is OPEN")
        XCTAssertNil(outcome.ledger.releaseCandidate)
        XCTAssertEqual(rig.tracker.actions.current, [])
        XCTAssertTrue(rig.artifacts.text(GateRunner.reportName)?.hasPrefix(
            "canary gate: STOPPED (from IDLE)\nwhy:  blocker #1141 is OPEN\nnext: wait for #1141") == true)
    }

    func testTheNewestPrereleaseWithoutSyncStopsAtTheImportCheck() throws {
        var rig = Rig()
        rig.line = nil
        rig.installer.imports = ImportCheckResult(modules: ImportCheckResult.syncModules, passed: false,
                                                  message: "No module named 'specify_cli.sync'")
        let outcome = try rig.run()

        let report = try XCTUnwrap(outcome.finalState.stopReport)
        XCTAssertEqual(report.stoppedAt, .rcInstalled)
        XCTAssertEqual(report.reason, "import check failed: No module named 'specify_cli.sync'")
        XCTAssertEqual(outcome.ledger.installedCLI?.version, "4.0.0rc7")
        XCTAssertTrue(rig.artifacts.text(GateRunner.reportName)?.contains(
            "rc:   4.0.0rc7 is the newest of 4 release candidates on the index (no release line given); baseline 3.2.0rc15") == true)
        XCTAssertEqual(rig.canary.calls.current, [])
    }

    func testALatestRCEqualToTheBaselineStopsWithNeedRC16() throws {
        var rig = Rig()
        rig.versions = ["3.2.0rc14", "3.2.0rc15", "3.1.10"]
        let outcome = try rig.run()
        XCTAssertEqual(outcome.finalState.stopReport?.reason, "latest RC 3.2.0rc15 equals baseline 3.2.0rc15: need rc16")
        XCTAssertNil(outcome.ledger.installedCLI)
    }

    func testARollbackFailureReopensTheBlockerAndKeepsTheEvidence() throws {
        let rig = Rig()
        rig.canary.runsFor[.fourRun] = [Build.runFile(1), Build.runFile(2), Build.runFile(3, failing: [4: "queue.rollback_row_missing"]),
                                        Build.runFile(4)]
        let outcome = try rig.run()

        let report = try XCTUnwrap(outcome.finalState.stopReport)
        XCTAssertEqual(report.stoppedAt, .singleRunPassed)
        XCTAssertEqual(report.reason, "run 3: scenario 4 failed: queue.rollback_row_missing -> re-open #1141 [details 4]")
        XCTAssertEqual(report.evidence, ["/artifacts/sync_identity_boundary/3.2.6rc2-attempt2", "/attempts/attempt-1/four-run.log"])
        XCTAssertEqual(rig.tracker.actions.current, ["comment spec-kitty#1141", "reopen spec-kitty#1141"])
        XCTAssertEqual(try rig.tracker.issue(.rollbackBlocker).state, .open)
        XCTAssertEqual(try rig.tracker.issue(.e2eGate).state, .open, "e2e#41 must not be touched after a failed run")
        let reopenComment = rig.tracker.posted.current.first?.body ?? ""
        XCTAssertTrue(reopenComment.contains("- `/artifacts/sync_identity_boundary/3.2.6rc2-attempt2`"))
        XCTAssertEqual(outcome.reopened, ["spec-kitty#1141 re-opened (comment memory://spec-kitty#1141/comments/1)"])
        XCTAssertEqual(rig.journalLines.last?["step"] as? String, "reopen_blocker")
        XCTAssertTrue(rig.artifacts.text(GateRunner.reportName)?.contains("re-opened:\n  - spec-kitty#1141 re-opened") == true)
    }

    func testATamperedBundleIsCaughtByTheManifest() throws {
        let rig = Rig()
        rig.canary.tamperWith = "runs/run-1.json"
        let outcome = try rig.run()
        XCTAssertEqual(outcome.finalState.stopReport?.stoppedAt, .preflightClean)
        XCTAssertEqual(outcome.finalState.stopReport?.reason,
                       "evidence bundle does not verify: runs/run-1.json does not match its digest in MANIFEST.sha256")
    }

    func testHistoricalRowsTouchedDuringTheRunsStopTheGate() throws {
        var rig = Rig()
        rig.saas = FakeSaaS(rows: [Build.rows, HistoricalRowsSnapshot(count: 21, digest: "d1e5c0ffee")])
        let outcome = try rig.run()
        XCTAssertEqual(outcome.finalState.stopReport?.stoppedAt, .singleRunPassed)
        XCTAssertEqual(outcome.finalState.stopReport?.reason, "historical business-rule rows changed: count 22 -> 21")
    }

    func testATeamspaceFailureEndsTheSeriesAndLeaves1038Alone() throws {
        var rig = Rig()
        rig.teamspace = FakeTeamspace(failOnRun: 2)
        let outcome = try rig.run()

        XCTAssertEqual(outcome.finalState.stopReport?.reason,
                       "Teamspace run 2 of 4 failed (exit 1; JUnit: 1 failure(s), 0 error(s)): root cause required")
        XCTAssertEqual(rig.teamspace.calls.current, [1, 2])
        XCTAssertEqual(try rig.tracker.issue(.e2eGate).state, .closed)
        XCTAssertFalse(rig.tracker.actions.current.contains("comment spec-kitty#1038"))
    }

    func testATrackerThatCannotPostStopsAtTheE2EGate() throws {
        let rig = Rig()
        rig.tracker.failPosting = true
        let outcome = try rig.run()
        XCTAssertEqual(outcome.finalState.stopReport?.stoppedAt, .fourRunPassed)
        XCTAssertEqual(outcome.finalState.stopReport?.reason,
                       "evidence for spec-kitty-e2e#41 was not recorded: posting the comment: HTTP 502 from the tracker")
        XCTAssertNotNil(rig.artifacts.text("comment-spec-kitty-e2e-41.md"), "the body is kept for posting by hand")
    }

    func testAnInstallThatThrowsIsAnObservationNotACrash() throws {
        var rig = Rig()
        rig.installer.failure = "bootstrap exited 1"
        let outcome = try rig.run()
        XCTAssertEqual(outcome.finalState.stopReport?.reason, "installing spec-kitty-cli 3.2.6rc2 failed: bootstrap exited 1")
        XCTAssertEqual(outcome.finalState.stopReport?.evidence, ["/attempts/attempt-1/install-3.2.6rc2.log"])
    }
}
