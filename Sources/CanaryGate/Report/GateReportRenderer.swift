import CanaryCore
import Foundation

/// The final report a release engineer pastes: end state, why, evidence, next action, and the walk that led there.
public enum GateReportRenderer {
    /// Renders `outcome` as plain text.
    public static func render(_ outcome: GateOutcome, configuration: GateConfiguration) -> String {
        let ledger = outcome.ledger
        var lines: [String] = []
        var evidence: [String] = []
        switch outcome.finalState {
        case let .stopped(report):
            lines.append("canary gate: STOPPED (from \(report.stoppedAt.rawValue))")
            lines.append("why:  \(report.reason)")
            lines.append("next: \(report.nextAction)")
            evidence = report.evidence
        case .at(.gateComplete):
            let version = ledger.installedCLI?.version ?? "the RC"
            lines.append("canary gate: GATE_COMPLETE")
            lines.append("why:  blockers \(configuration.blockers.map(\.shortName).joined(separator: ", ")) verified; "
                + "\(version) installed, preflight clean; single run and four-run protocol passed with the evidence "
                + "verified and the historical rows unchanged; \(configuration.e2eGate) closed; Teamspace MVP passed "
                + "\(configuration.teamspaceRuns)/\(configuration.teamspaceRuns)")
            lines.append("next: release \(version); the evidence is on \(configuration.e2eGate) (closed) and "
                + "\(configuration.releaseTracking) (stays open)")
            evidence = [ledger.singleRun?.script.evidenceDirectory, ledger.fourRun?.script.evidenceDirectory,
                        ledger.e2eClosure?.commentLocation, ledger.releaseComment?.commentLocation].compactMap { $0 }
                + (ledger.teamspace?.runs.flatMap { [$0.logPath, $0.junitPath] } ?? [])
        default:
            lines.append("canary gate: ended at \(outcome.finalState.name) without finishing")
            lines.append("next: re-run the gate")
        }
        if let candidate = ledger.releaseCandidate {
            lines.append("rc:   \(candidate.selection.reason); baseline \(candidate.baseline)")
        }
        lines.append("evidence:")
        for path in evidence where !path.isEmpty { lines.append("  - \(path)") }
        lines.append("  - gate journal: \(outcome.journalPath)")
        if !outcome.reopened.isEmpty {
            lines.append("re-opened:")
            lines += outcome.reopened.map { "  - \($0)" }
        }
        lines.append("walk:")
        for entry in outcome.journal {
            lines.append("  \(entry.state) -> \(entry.nextState) [\(entry.step)] \(entry.summary)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
