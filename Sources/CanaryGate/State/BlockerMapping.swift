import CanaryCore
import Foundation

/// Which blocker a canary failure mode re-opens, from the signatures each blocker was filed for.
public enum BlockerMapping {
    /// The blocker a failure mode maps to; nil when none does.
    ///
    /// #1141 was the silently refused review rollback, so both rollback
    /// signatures of scenario 4 map to it; #1182 was queued events counted as
    /// errors. Everything else is a new problem, not a regression of these.
    public static func blocker(forFailureMode mode: String?) -> IssueRef? {
        switch mode {
        case "queue.rollback_row_missing", "contract.force_reason_missing": .rollbackBlocker
        case "sync.event_loop_unavailable": .queuedEventsBlocker
        default: nil
        }
    }

    /// The consequence a report states after a failing scenario, e.g. "re-open #1141".
    public static func consequence(forFailureMode mode: String?) -> String {
        if let blocker = blocker(forFailureMode: mode) { return "re-open \(blocker.shortName)" }
        switch mode {
        case nil: return "no failure mode recorded (harness error): fix the canary's classification"
        case "harness.error"?: return "harness error: fix the canary, not the CLI"
        case "saas.not_ready"?: return "the server degraded during the run: no blocker maps to it"
        case "harness.host_not_isolated"?: return "a sync daemon the run did not start was on the host: stop it by pid and run again; no CLI verdict"
        case let mode?: return "no blocker maps to \(mode): file a new issue with this evidence"
        }
    }
}
