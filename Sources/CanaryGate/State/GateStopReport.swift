import CanaryCore
import Foundation

/// Why the gate stopped, where, what evidence to keep, and what to do next.
public struct GateStopReport: Codable, Equatable, Sendable {
    /// The state the gate stopped from.
    public let stoppedAt: GateStage
    /// The specific reason, e.g. "blocker #1141 is OPEN".
    public let reason: String
    /// Paths (or URLs) of the evidence behind the reason.
    public let evidence: [String]
    /// What a release engineer should do next.
    public let nextAction: String
    /// Blockers the failure maps to, to be re-opened with the evidence.
    public let reopen: [IssueRef]

    /// Creates a report.
    public init(stoppedAt: GateStage, reason: String, evidence: [String] = [], nextAction: String, reopen: [IssueRef] = []) {
        self.stoppedAt = stoppedAt
        self.reason = reason
        self.evidence = evidence
        self.nextAction = nextAction
        self.reopen = reopen
    }

    enum CodingKeys: String, CodingKey {
        case stoppedAt = "stopped_at"
        case reason, evidence
        case nextAction = "next_action"
        case reopen
    }
}
