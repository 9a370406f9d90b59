import CanaryCore
import Foundation

/// One-line summaries of observations, for progress lines, the journal and the final report.
public enum GateObservationSummary {
    /// What the step found, in one line.
    public static func line(_ observation: GateObservation) -> String {
        switch observation {
        case let .blockers(findings): blockers(findings)
        case let .releaseCandidate(facts): releaseCandidate(facts)
        case let .preflight(facts): preflight(facts)
        case let .canaryRun(run): canaryRun(run)
        case let .e2eGateClosure(update), let .releaseComment(update): issueUpdate(update)
        case let .teamspace(facts): teamspace(facts)
        case let .stepFailed(failure): "could not run: \(failure.message)"
        }
    }

    static func blockers(_ findings: [BlockerFinding]) -> String {
        guard !findings.isEmpty else { return "no blockers checked" }
        return findings.map { finding in
            let name = finding.issue.shortName
            if let unreadable = finding.unreadable { return "\(name) unreadable (\(unreadable))" }
            var text = "\(name) \(finding.state?.rawValue ?? "?")"
            if let fix = finding.fix {
                let verdict: String
                switch fix.verdict {
                case .substantive: verdict = "substantive"
                case let .diagnosticOnly(gap): verdict = "diagnostic-only: \(gap)"
                }
                text += ", fix \(fix.commit.prefix(12)) \(verdict) (\(fix.source))"
            } else if finding.state == .closed {
                text += ", no fix commit known"
            }
            return text
        }.joined(separator: "; ")
    }

    static func releaseCandidate(_ facts: ReleaseCandidateObservation) -> String {
        var text = facts.selection.chosen.map { "chose \($0): " } ?? ""
        text += facts.selection.reason + "; baseline \(facts.baseline)"
        if let installed = facts.installed { text += "; installed \(installed.binary)" }
        if let error = facts.installError { text += "; install failed: \(error)" }
        return text
    }

    static func preflight(_ facts: PreflightObservation) -> String {
        var parts = [facts.imports.passed ? "imports ok" : "imports failed (\(facts.imports.message ?? "?"))"]
        parts.append("trace \(facts.trace.verdict.rawValue)" + (facts.trace.commit.map { " \($0.prefix(12))" } ?? ""))
        if let error = facts.saasError {
            parts.append("SaaS unreadable (\(error))")
        } else {
            if let health = facts.health {
                parts.append("/health/ \(health.httpStatus) spec_kitty_events \(health.eventsVersion ?? "?")")
            }
            if let readiness = facts.readiness {
                let drain = readiness.drainQueue
                parts.append("/health/ready/ \(readiness.httpStatus) \(readiness.status ?? "?")"
                    + ", terminal_failed \(drain?.terminalFailedCount.map(String.init) ?? "?")"
                    + ", business_rule_rejected \(drain?.businessRuleRejectedCount.map(String.init) ?? "?")")
            }
        }
        return parts.joined(separator: "; ")
    }

    static func canaryRun(_ run: CanaryRunObservation) -> String {
        let runs = run.passedRuns, scenarios = run.passedScenarios
        var text = "\(run.mode.label): \(runs.passed)/\(runs.total) runs pass (\(scenarios.passed)/\(scenarios.total) scenarios)"
        text += ", script exit \(run.script.exitStatus)"
        if let bundle = run.script.evidenceDirectory { text += "; evidence \(bundle)" }
        if let manifest = run.manifest {
            text += manifest.problems.isEmpty
                ? "; manifest verified (\(manifest.verifiedFiles) files)" : "; manifest: \(manifest.problems.count) problem(s)"
        }
        if let rows = run.historicalRows {
            text += rows.changes.isEmpty ? "; historical rows unchanged" : "; historical rows changed"
        }
        return text
    }

    static func issueUpdate(_ update: IssueUpdateObservation) -> String {
        var parts: [String] = []
        parts.append(update.commentLocation.map { "comment posted at \($0)" } ?? "no comment posted")
        parts.append("\(update.issue) \(update.stateAfter?.rawValue ?? "state unread")")
        if let error = update.error { parts.append("error: \(error)") }
        return parts.joined(separator: "; ")
    }

    static func teamspace(_ facts: TeamspaceObservation) -> String {
        let passed = facts.runs.filter { $0.problem == nil }.count
        var text = "\(passed)/\(facts.requiredRuns) Teamspace runs pass"
        if let failed = facts.runs.first(where: { $0.problem != nil }), let problem = failed.problem {
            text += "; run \(failed.run) failed: \(problem)"
        }
        if let rows = facts.historicalRows {
            text += rows.changes.isEmpty ? "; historical rows unchanged" : "; historical rows changed"
        }
        return text
    }
}
