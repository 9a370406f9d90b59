import CanaryCore
import Foundation

/// Renders the two evidence comments from what the gate observed: pure text, no I/O.
///
/// Every value comes from an observation; a value the gate could not read is
/// written as "not read" rather than left out, so a reviewer sees the gap.
public enum GateCommentRenderer {
    /// The statement every evidence comment ends with.
    public static let noInterventionStatement = "No manual SaaS queue mutation, DB edit, daemon record surgery, "
        + "local queue deletion, event replay or ingress-cap override was used."

    /// The e2e#41 comment: the four-run evidence that closes the end-to-end gate.
    public static func e2eGateComment(_ ledger: GateLedger, journal: String) -> String {
        let four = ledger.fourRun
        let runs = four?.passedRuns ?? (passed: 0, total: 0)
        let scenarios = four?.passedScenarios ?? (passed: 0, total: 0)
        var text = """
            ### Sync identity-boundary canary: release gate evidence

            **Result:** four-run protocol \(runs.passed)/\(runs.total) runs pass (\(scenarios.passed)/\(scenarios.total) scenarios), \
            after a single run \(singleRunSummary(ledger.singleRun)). Closing this gate.


            """
        text += identityTable(ledger, readiness: four?.readinessAfter ?? ledger.preflight?.readiness, extraRows: [
            ("Historical business-rule rows", rowsSummary(four?.historicalRows)),
            ("Evidence bundle", bundleSummary(four)),
            ("Single-run bundle", code(ledger.singleRun?.script.evidenceDirectory)),
            ("Gate journal", code(journal)),
        ])
        text += "\n#### Results\n\n" + resultsTable(four?.runs ?? [])
        text += readinessSection(four?.readinessAfter ?? ledger.preflight?.readiness, when: "after the four runs")
        text += "\n" + noInterventionStatement + "\n"
        return text
    }

    /// The #1038 comment: Teamspace MVP evidence; the issue stays open.
    public static func releaseTrackingComment(_ ledger: GateLedger, journal: String, e2eGate: IssueRef) -> String {
        let teamspace = ledger.teamspace
        let passed = teamspace?.runs.filter { $0.problem == nil }.count ?? 0
        let required = teamspace?.requiredRuns ?? 4
        let four = ledger.fourRun
        let closure = ledger.e2eClosure?.commentLocation.map { " (evidence: \($0))" } ?? ""
        var text = """
            ### Teamspace MVP: release gate evidence

            **Result:** the Teamspace MVP suite passed \(passed)/\(required) consecutive runs; the sync \
            identity-boundary canary passed \(four?.passedRuns.passed ?? 0)/\(four?.passedRuns.total ?? 0) runs \
            (\(four?.passedScenarios.passed ?? 0)/\(four?.passedScenarios.total ?? 0) scenarios) and \(e2eGate) is \
            closed\(closure). This issue stays open.


            """
        text += identityTable(ledger, readiness: teamspace?.readinessAfter ?? four?.readinessAfter, extraRows: [
            ("Historical business-rule rows", rowsSummary(teamspace?.historicalRows)),
            ("Teamspace command", code(teamspace?.command)),
            ("Canary evidence bundle", bundleSummary(four)),
            ("Gate journal", code(journal)),
        ])
        text += "\n#### Teamspace runs\n\n| run | exit | tests | failures | errors | log | JUnit |\n|---|---|---|---|---|---|---|\n"
        for run in teamspace?.runs ?? [] {
            let junit = run.junit
            text += "| \(run.run) | \(run.exitStatus) | \(junit.map { String($0.tests) } ?? "-") "
                + "| \(junit.map { String($0.failures) } ?? "-") | \(junit.map { String($0.errors) } ?? "-") "
                + "| `\(run.logPath)` | `\(run.junitPath)` |\n"
        }
        text += readinessSection(teamspace?.readinessAfter ?? four?.readinessAfter, when: "after the Teamspace runs")
        text += "\n" + noInterventionStatement + "\n"
        return text
    }

    // MARK: Parts

    private static func identityTable(_ ledger: GateLedger, readiness: SaaSReadiness?, extraRows: [(String, String)]) -> String {
        let cli = ledger.installedCLI
        let trace = ledger.preflight?.trace
        let health = ledger.preflight?.health
        let eventsVersion = ledger.fourRun?.runs.first?.eventsPackageVersion ?? ledger.preflight?.metadata?.eventsVersion
        var rows: [(String, String)] = [
            ("CLI", "spec-kitty-cli \(code(cli?.version)) · tag \(code(trace?.tag)) · commit \(code(trace?.commit))"),
            ("Why this RC", (ledger.releaseCandidate.map { "\($0.selection.reason); baseline \($0.baseline)" }) ?? "not read"),
            ("CLI traceability", trace.map { "\($0.verdict.rawValue): \($0.explanation)" } ?? "not read"),
            ("spec-kitty-events (CLI side)", code(eventsVersion)),
            ("SaaS", "\(ledger.preflight?.saasURL ?? "not read") · service \(code(health?.service)) · image \(code(health?.version)) "
                + "· SHA \(code(health?.gitSHA)) · built \(code(health?.buildTimestamp)) · environment \(code(health?.environment)) "
                + "· spec_kitty_events \(code(health?.eventsVersion))"),
            ("Drain queue", drainSummary(readiness?.drainQueue)),
        ]
        rows += extraRows
        return "| | |\n|---|---|\n" + rows.map { "| \($0.0) | \($0.1) |\n" }.joined()
    }

    private static func resultsTable(_ runs: [GateRunFile]) -> String {
        guard let first = runs.first else { return "No run files were read.\n" }
        let scenarioNames = first.scenarios.map { "\($0.id) \($0.name ?? "scenario \($0.id)")" }
        var text = "| run | outcome | " + scenarioNames.joined(separator: " | ") + " |\n"
        text += "|---|---|" + String(repeating: "---|", count: scenarioNames.count) + "\n"
        for (index, run) in runs.enumerated() {
            let cells = run.scenarios.map { scenario in
                scenario.status == "pass" ? "pass" : "**\(scenario.status)** `\(scenario.failureMode ?? "no failure mode")`"
            }
            text += "| \(run.runNumber ?? index + 1) | \(run.outcome) | " + cells.joined(separator: " | ") + " |\n"
        }
        return text
    }

    private static func readinessSection(_ readiness: SaaSReadiness?, when: String) -> String {
        guard let readiness else { return "\n#### /health/ready/ (\(when))\n\nnot read\n" }
        return "\n#### /health/ready/ snapshot (\(when), HTTP \(readiness.httpStatus))\n\n```json\n\(readiness.snapshot)\n```\n"
    }

    private static func singleRunSummary(_ run: CanaryRunObservation?) -> String {
        guard let run else { return "(not recorded)" }
        return "\(run.passedRuns.passed)/\(run.passedRuns.total) (\(run.passedScenarios.passed)/\(run.passedScenarios.total) scenarios)"
    }

    private static func drainSummary(_ drain: DrainQueueCounts?) -> String {
        guard let drain else { return "not read" }
        func number(_ value: Int?) -> String { value.map(String.init) ?? "not read" }
        return "terminal_failed \(number(drain.terminalFailedCount)) · retryable \(number(drain.retryableCount)) "
            + "· business_rule_rejected \(number(drain.businessRuleRejectedCount)) "
            + "· oldest pending \(drain.oldestPendingAgeSeconds.map { "\(Int($0)) s" } ?? "not read")"
    }

    private static func rowsSummary(_ check: HistoricalRowsCheck?) -> String {
        guard let check else { return "not compared" }
        let start = "\(check.start.count.map(String.init) ?? "?") rows" + (check.start.digest.map { ", digest `\($0.prefix(16))`" } ?? "")
        let changes = check.changes
        return changes.isEmpty ? "\(start) at start and end (unchanged)" : "\(start) at start; CHANGED: " + changes.joined(separator: ", ")
    }

    private static func bundleSummary(_ run: CanaryRunObservation?) -> String {
        guard let bundle = run?.script.evidenceDirectory else { return "not recorded" }
        guard let manifest = run?.manifest else { return "`\(bundle)` (manifest not checked)" }
        return manifest.problems.isEmpty
            ? "`\(bundle)` (MANIFEST.sha256 verified, \(manifest.verifiedFiles) files)"
            : "`\(bundle)` (MANIFEST.sha256 FAILED: \(manifest.problems.joined(separator: "; ")))"
    }

    private static func code(_ value: String?) -> String {
        guard let value, !value.isEmpty else { return "not read" }
        return "`\(value)`"
    }
}
