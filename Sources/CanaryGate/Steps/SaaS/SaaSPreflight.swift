import CanaryCore
import Foundation

/// Judges whether the server is fit for a canary run: healthy, new enough, and its drain queue clean.
public enum SaaSPreflight {
    /// The oldest `spec_kitty_events` a server may validate with.
    public static let minimumEventsVersion = "5.1.0"

    /// Every reason the server is degraded; empty when it is fit.
    public static func problems(health: SaaSHealth, readiness: SaaSReadiness) -> [String] {
        var problems: [String] = []
        if health.httpStatus != 200 { problems.append("/health/ answered HTTP \(health.httpStatus)") }
        problems += eventsVersionProblems(health.eventsVersion)
        if readiness.httpStatus != 200 {
            problems.append("/health/ready/ answered HTTP \(readiness.httpStatus) (status \(readiness.status ?? "absent"))")
        } else if readiness.status != "ready" {
            problems.append("/health/ready/ status is '\(readiness.status ?? "absent")', not 'ready'")
        }
        if let drain = readiness.drainQueue {
            switch drain.terminalFailedCount {
            case nil: problems.append("drain_queue has no terminal_failed_count")
            case 0?: break
            case let count?: problems.append("drain_queue.terminal_failed_count is \(count) (must be 0)")
            }
        } else {
            problems.append("/health/ready/ has no dependencies.drain_queue")
        }
        return problems
    }

    private static func eventsVersionProblems(_ reported: String?) -> [String] {
        guard let reported else { return ["/health/ reports no spec_kitty_events version"] }
        guard let version = try? SpecKittyVersion(reported), let minimum = try? SpecKittyVersion(minimumEventsVersion) else {
            return ["spec_kitty_events '\(reported)' is not a version"]
        }
        return version < minimum ? ["spec_kitty_events \(reported) is older than \(minimumEventsVersion)"] : []
    }
}
