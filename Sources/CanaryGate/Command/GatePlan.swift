import CanaryCore
import Foundation

/// What `canary gate --dry-run` prints: the walk, and which implementation performs each step.
public enum GatePlan {
    /// The plan as text; `problems` are the preflight errors that would stop a real run (exit 2).
    public static func render(
        configuration: GateConfiguration, steps: GateSteps, saasTarget: String, workDirectory: String, problems: [String]
    ) -> String {
        let line = configuration.line.map { "line \($0)" } ?? "the whole index"
        let blockers = configuration.blockers.map(\.description).joined(separator: ", ")
        var lines = [
            "canary gate: plan (dry run: nothing is installed, run, posted or written)",
            "  attempt directory: \(workDirectory)/attempt-N (first unused N)",
            "  IDLE              \(GateStep.verifyBlockers.label): \(blockers) via \(steps.tracker.trackerDescription)"
                + (steps.fixInspector.map { "; fix commits from \($0.sourceDescription)" } ?? "; fix facts from the tracker"),
            "  BLOCKERS_VERIFIED "
                + (configuration.candidate.map { "\($0) (--candidate) if listed" } ?? "newest RC")
                + " of \(configuration.packageName) in \(line) from \(steps.index.indexDescription), "
                + "must be newer than \(configuration.baseline); install: \(steps.installer.installerDescription)",
            "  RC_INSTALLED      import \(ImportCheckResult.syncModules.joined(separator: ", ")); trace to "
                + "\(CLITrace.floorCommit.prefix(12)) "
                + (steps.traceability.cloneDirectory.map { "(clone \($0))" } ?? "(direct_url.json only)")
                + "; SaaS \(saasTarget): /health/, /health/ready/, historical rows",
            "  PREFLIGHT_CLEAN   \(steps.canary.runnerDescription) --single --yes",
            "  SINGLE_RUN_PASSED \(steps.canary.runnerDescription) --yes (four runs); MANIFEST.sha256; historical rows unchanged",
            "  FOUR_RUN_PASSED   evidence comment on \(configuration.e2eGate), then close it",
            "  E2E_GATE_CLOSED   \(configuration.teamspaceRuns)x: \(steps.teamspace.runnerDescription)",
            "                    logs in \(configuration.teamspaceDirectory)/teamspace-canary-run-N.log/.xml",
            "  TEAMSPACE_PASSED  evidence comment on \(configuration.releaseTracking) (stays open)",
            "  on a failure that maps to a blocker: "
                + (configuration.reopenBlockersOnFailure ? "re-open it with the evidence" : "report it (--no-reopen)"),
        ]
        if problems.isEmpty {
            lines.append("preflight: ready")
        } else {
            lines.append("preflight: a real run would exit 2:")
            lines += problems.map { "  - \($0)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
