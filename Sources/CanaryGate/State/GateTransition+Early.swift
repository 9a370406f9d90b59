import CanaryCore
import Foundation

/// Judgements of the steps before any canary run: blockers, release candidate, preflight.
extension GateTransition {
    static func judgeBlockers(_ findings: [BlockerFinding]) -> GateState {
        guard !findings.isEmpty else {
            return stop(.idle, "no blockers were checked", next: "configure the blockers (#1141, #1182) and re-run the gate")
        }
        var reasons: [String] = []
        var actions: [String] = []
        var evidence: [String] = []
        for finding in findings {
            let name = finding.issue.shortName
            if let unreadable = finding.unreadable {
                reasons.append("cannot verify blocker \(name): \(unreadable)")
                actions.append("make \(name) and its fix readable (tracker record or --cli-repo clone)")
                continue
            }
            guard finding.state == .closed else {
                reasons.append("blocker \(name) is \(finding.state?.rawValue ?? "unreadable")")
                actions.append("wait for \(name) to be fixed and closed")
                continue
            }
            guard let fix = finding.fix else {
                reasons.append("blocker \(name) is CLOSED but no fix commit is known")
                actions.append("record \(name)'s fix commit in the tracker")
                continue
            }
            if case let .diagnosticOnly(gap) = fix.verdict {
                reasons.append("fix for \(name) is diagnostic-only: \(gap)")
                actions.append("ask for a substantive fix of \(name) (code beyond log calls, with a test)")
                evidence.append("\(name) fix \(fix.commit) (\(fix.source))")
            }
        }
        guard reasons.isEmpty else {
            return stop(.idle, reasons.joined(separator: "; "), evidence: evidence,
                        next: actions.joined(separator: "; ") + "; then re-run the gate")
        }
        return .at(.blockersVerified)
    }

    static func judgeReleaseCandidate(_ facts: ReleaseCandidateObservation) -> GateState {
        let baseline = facts.baseline
        let need = baseline.isReleaseCandidate
            ? "rc\(baseline.nextReleaseCandidate.pre?.number ?? 0)" : "an RC newer than \(baseline)"
        let publish = "publish \(baseline.isReleaseCandidate ? baseline.nextReleaseCandidate.description : need) or newer"
            + (facts.selection.line.map { " in line \($0)" } ?? "") + ", then re-run the gate"
        guard let chosen = facts.selection.chosen else {
            return stop(.blockersVerified, facts.selection.reason + ": need \(need)", next: publish)
        }
        if chosen == baseline {
            return stop(.blockersVerified, "latest RC \(chosen) equals baseline \(baseline): need \(need)", next: publish)
        }
        if chosen < baseline {
            return stop(.blockersVerified, "latest RC \(chosen) is older than baseline \(baseline): need \(need)", next: publish)
        }
        let logs = facts.installLog.map { [$0] } ?? []
        if let error = facts.installError {
            return stop(.blockersVerified, "installing spec-kitty-cli \(chosen) failed: \(error)", evidence: logs,
                        next: "read the install output, fix the cause, then re-run the gate")
        }
        guard let installed = facts.installed else {
            return stop(.blockersVerified, "harness error: \(chosen) was chosen but neither installed nor reported as failing",
                        evidence: logs, next: "report this as a canary bug")
        }
        guard (try? SpecKittyVersion(installed.version)) == chosen else {
            return stop(.blockersVerified, "installed \(installed.version), not the chosen \(chosen)", evidence: logs,
                        next: "check the installer's venv root for a stale install, then re-run the gate")
        }
        return .at(.rcInstalled)
    }

    static func judgePreflight(_ facts: PreflightObservation) -> GateState {
        var reasons: [String] = []
        var actions: [String] = []
        if !facts.imports.passed {
            let message = facts.imports.message ?? "exit non-zero"
            reasons.append("import check failed: \(message)")
            actions.append(message.contains("specify_cli")
                ? "spec-kitty-cli \(facts.cli.version) has no sync surface (cli.unsupported): choose a release line that has one (e.g. --line 3.2) or wait for an RC that ships specify_cli.sync"
                : "repair the install of \(facts.cli.version) (its Python cannot import the sync modules)")
        }
        if facts.trace.verdict == .before {
            reasons.append("CLI \(facts.cli.version) predates the identity-boundary floor: \(facts.trace.explanation)")
            actions.append("publish an RC built from \(CLITrace.floorCommit.prefix(12)) or later")
        }
        if let error = facts.saasError {
            reasons.append("SaaS degraded: \(error)")
        } else if let health = facts.health, let readiness = facts.readiness {
            let problems = SaaSPreflight.problems(health: health, readiness: readiness)
            if !problems.isEmpty { reasons.append("SaaS degraded: " + problems.joined(separator: "; ")) }
        } else {
            reasons.append("SaaS degraded: no /health/ or /health/ready/ reading")
        }
        if facts.saasError == nil, facts.historicalRows?.count == nil {
            reasons.append("historical business-rule rows unreadable: /health/ready/ reports no business_rule_rejected_count")
        }
        if reasons.contains(where: { $0.hasPrefix("SaaS degraded") || $0.hasPrefix("historical") }) {
            actions.append("restore \(facts.saasURL) to health (200, spec_kitty_events >= \(SaaSPreflight.minimumEventsVersion), terminal_failed_count 0) without touching its queue")
        }
        guard reasons.isEmpty else {
            return stop(.rcInstalled, reasons.joined(separator: "; "), evidence: [facts.cli.binary],
                        next: actions.joined(separator: "; ") + "; then re-run the gate")
        }
        return .at(.preflightClean)
    }
}
