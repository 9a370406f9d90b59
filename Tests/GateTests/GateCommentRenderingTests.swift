import CanaryCore
import CanaryGate
import XCTest

/// The evidence comments and the final report, rendered from a complete ledger.
final class GateCommentRenderingTests: XCTestCase {
    private func completeLedger() -> GateLedger {
        var ledger = GateLedger()
        ledger.record(.blockers(Build.closedBlockers()))
        ledger.record(.releaseCandidate(ReleaseCandidateObservation(
            baseline: Build.version("3.2.0rc15"), selection: Build.selection("3.2.6rc2"), installed: Build.cli
        )))
        let trace = CLITrace(verdict: .atOrAfter, commit: "0123456789abcdef", tag: "v3.2.6rc2", explanation: "descends from cc5e1ca983ad")
        ledger.record(.preflight(Build.preflight(trace: trace)))
        ledger.record(.canaryRun(Build.canaryRun(.single)))
        ledger.record(.canaryRun(Build.canaryRun(.fourRun, bundle: "/bundles/3.2.6rc2-attempt2")))
        ledger.record(.e2eGateClosure(IssueUpdateObservation(issue: .e2eGate, commentLocation: "https://github.com/x/41#c1", stateAfter: .closed)))
        ledger.record(.teamspace(TeamspaceObservation(
            command: "swift test --parallel --filter TeamspaceMVP", runs: (1 ... 4).map { Build.teamspaceRun($0) },
            historicalRows: HistoricalRowsCheck(start: Build.rows, end: Build.rows), readinessAfter: Build.readiness()
        )))
        return ledger
    }

    func testTheE2ECommentCarriesEveryTemplateField() {
        let text = GateCommentRenderer.e2eGateComment(completeLedger(), journal: "/attempt/gate-journal.jsonl")
        let expectedLines = [
            "**Result:** four-run protocol 4/4 runs pass (16/16 scenarios), after a single run 1/1 (4/4 scenarios). Closing this gate.",
            "| CLI | spec-kitty-cli `3.2.6rc2` · tag `v3.2.6rc2` · commit `0123456789abcdef` |",
            "| Why this RC | 3.2.6rc2 is the newest of 1 release candidates in line 3.2; baseline 3.2.0rc15 |",
            "| CLI traceability | at_or_after: descends from cc5e1ca983ad |",
            "| spec-kitty-events (CLI side) | `5.1.2` |",
            "| SaaS | http://127.0.0.1:8765 · service `spec-kitty-saas` · image `2026.11.3` · SHA `abcdef1234567890` · built `2026-11-20T10:00:00Z` · environment `standin` · spec_kitty_events `5.1.0` |",
            "| Drain queue | terminal_failed 0 · retryable 0 · business_rule_rejected 22 · oldest pending 0 s |",
            "| Historical business-rule rows | 22 rows, digest `d1e5c0ffee` at start and end (unchanged) |",
            "| Evidence bundle | `/bundles/3.2.6rc2-attempt2` (MANIFEST.sha256 verified, 4 files) |",
            "| Single-run bundle | `/bundles/3.2.6rc2-attempt1` |",
            "| Gate journal | `/attempt/gate-journal.jsonl` |",
            "| run | outcome | 1 Fresh Authenticated Mission | 2 Legacy Queue Row Migration | 3 Daemon Owner Mismatch Refusal | 4 Review Rejection Force-Required Contract |",
            "| 3 | pass | pass | pass | pass | pass |",
            "#### /health/ready/ snapshot (after the four runs, HTTP 200)",
            #"{"status": "ready"}"#,
            "No manual SaaS queue mutation, DB edit, daemon record surgery, local queue deletion, event replay or ingress-cap override was used.",
        ]
        let lines = Set(text.split(separator: "\n").map(String.init))
        for expected in expectedLines { XCTAssertTrue(lines.contains(expected), "missing line: \(expected)\n---\n\(text)") }
    }

    func testTheReleaseCommentSaysTheIssueStaysOpen() {
        let text = GateCommentRenderer.releaseTrackingComment(completeLedger(), journal: "/attempt/gate-journal.jsonl", e2eGate: .e2eGate)
        XCTAssertTrue(text.contains("the Teamspace MVP suite passed 4/4 consecutive runs; the sync identity-boundary canary passed 4/4 runs "
            + "(16/16 scenarios) and spec-kitty-e2e#41 is closed (evidence: https://github.com/x/41#c1). This issue stays open."), text)
        XCTAssertTrue(text.contains("| 2 | 0 | 6 | 0 | 0 | `/tmp/teamspace-canary-run-2.log` | `/tmp/teamspace-canary-run-2.xml` |"), text)
        XCTAssertTrue(text.contains("| Teamspace command | `swift test --parallel --filter TeamspaceMVP` |"), text)
        XCTAssertTrue(text.hasSuffix(GateCommentRenderer.noInterventionStatement + "\n"))
    }

    func testValuesTheGateCouldNotReadAreShownAsSuch() {
        var ledger = GateLedger()
        ledger.record(.preflight(Build.preflight(health: nil, readiness: nil, rows: nil, saasError: "down")))
        let text = GateCommentRenderer.e2eGateComment(ledger, journal: "/j")
        XCTAssertTrue(text.contains("· tag not read · commit not read |"), text)
        XCTAssertTrue(text.contains("| Drain queue | not read |"), text)
        XCTAssertTrue(text.contains("| Historical business-rule rows | not compared |"), text)
        XCTAssertTrue(text.contains("No run files were read."), text)
    }

    func testTheStopReportReadsTopDown() throws {
        let stop = GateStopReport(stoppedAt: .rcInstalled, reason: "import check failed: No module named 'specify_cli.sync'",
                                  evidence: ["/venvs/4.0.0rc7/bin/spec-kitty"], nextAction: "choose --line 3.2")
        let entry = GateJournalEntry(time: "t", state: "RC_INSTALLED", step: "preflight", observation: nil, summary: "imports failed",
                                     nextState: "STOPPED", stop: stop)
        var ledger = GateLedger()
        ledger.record(.releaseCandidate(ReleaseCandidateObservation(baseline: Build.version("3.2.0rc15"), selection: Build.selection("4.0.0rc7"))))
        let outcome = GateOutcome(finalState: .stopped(stop), ledger: ledger, journal: [entry], reopened: [],
                                  journalPath: "/a/gate-journal.jsonl", attemptLocation: "/a")
        XCTAssertEqual(GateReportRenderer.render(outcome, configuration: GateConfiguration(baseline: Build.version("3.2.0rc15"))), """
            canary gate: STOPPED (from RC_INSTALLED)
            why:  import check failed: No module named 'specify_cli.sync'
            next: choose --line 3.2
            rc:   4.0.0rc7 is the newest of 1 release candidates in line 3.2; baseline 3.2.0rc15
            evidence:
              - /venvs/4.0.0rc7/bin/spec-kitty
              - gate journal: /a/gate-journal.jsonl
            walk:
              RC_INSTALLED -> STOPPED [preflight] imports failed

            """)
        XCTAssertEqual(outcome.exitCode, 1)
        let line = try entry.jsonLine()
        XCTAssertTrue(line.hasPrefix(#"{"next_state":"STOPPED","state":"RC_INSTALLED","step":"preflight","stop":{"#), line)
        XCTAssertFalse(line.contains("\n"))
    }

    func testTheDryRunPlanNamesEachImplementation() {
        let steps = GateSteps(
            tracker: MemoryTracker.standard(), index: FixedPackageIndex(["3.2.0rc16"]), installer: FakeInstaller(),
            traceability: CLITraceabilityCheck(cloneDirectory: "/src/spec-kitty"), saas: FakeSaaS(), canary: FakeCanary(files: MemoryFiles()),
            teamspace: FakeTeamspace()
        )
        let plan = GatePlan.render(configuration: GateConfiguration(baseline: Build.version("3.2.0rc15"), line: try? ReleaseLine("3.2")),
                                   steps: steps, saasTarget: "http://127.0.0.1:9", workDirectory: "/work", problems: ["no tracker file"])
        XCTAssertTrue(plan.contains("newest RC of spec-kitty-cli in line 3.2 from fixed list (1 versions), must be newer than 3.2.0rc15"), plan)
        XCTAssertTrue(plan.contains("trace to cc5e1ca983ad (clone /src/spec-kitty)"), plan)
        XCTAssertTrue(plan.hasSuffix("preflight: a real run would exit 2:\n  - no tracker file\n"), plan)
    }
}
