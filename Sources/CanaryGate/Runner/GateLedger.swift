import CanaryCore
import Foundation

/// Everything the gate has observed so far, for the evidence comments and the final report.
public struct GateLedger: Equatable, Sendable {
    /// The blockers' findings.
    public var blockers: [BlockerFinding] = []
    /// The RC choice and install.
    public var releaseCandidate: ReleaseCandidateObservation?
    /// Imports, traceability, SaaS health.
    public var preflight: PreflightObservation?
    /// The single run.
    public var singleRun: CanaryRunObservation?
    /// The four-run protocol.
    public var fourRun: CanaryRunObservation?
    /// The e2e#41 comment and closure.
    public var e2eClosure: IssueUpdateObservation?
    /// The Teamspace runs.
    public var teamspace: TeamspaceObservation?
    /// The #1038 comment.
    public var releaseComment: IssueUpdateObservation?

    /// An empty ledger.
    public init() {}

    /// Files `observation` under its step.
    public mutating func record(_ observation: GateObservation) {
        switch observation {
        case let .blockers(findings): blockers = findings
        case let .releaseCandidate(facts): releaseCandidate = facts
        case let .preflight(facts): preflight = facts
        case let .canaryRun(run): if run.mode == .single { singleRun = run } else { fourRun = run }
        case let .e2eGateClosure(update): e2eClosure = update
        case let .teamspace(facts): teamspace = facts
        case let .releaseComment(update): releaseComment = update
        case .stepFailed: break
        }
    }

    /// The CLI under test, once installed.
    public var installedCLI: InstalledCLI? { preflight?.cli ?? releaseCandidate?.installed }
}
