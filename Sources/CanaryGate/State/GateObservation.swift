import CanaryCore
import Foundation

/// The typed outcome of one gate step: the facts the transition function judges.
public enum GateObservation: Equatable, Sendable {
    /// IDLE's step: each blocker's state and fix.
    case blockers([BlockerFinding])
    /// BLOCKERS_VERIFIED's step: the RC chosen and installed.
    case releaseCandidate(ReleaseCandidateObservation)
    /// RC_INSTALLED's step: imports, traceability, SaaS health.
    case preflight(PreflightObservation)
    /// PREFLIGHT_CLEAN's (single) or SINGLE_RUN_PASSED's (four-run) step.
    case canaryRun(CanaryRunObservation)
    /// FOUR_RUN_PASSED's step: e2e#41 commented and closed.
    case e2eGateClosure(IssueUpdateObservation)
    /// E2E_GATE_CLOSED's step: the Teamspace runs.
    case teamspace(TeamspaceObservation)
    /// TEAMSPACE_PASSED's step: #1038 commented.
    case releaseComment(IssueUpdateObservation)
    /// Any step that could not run.
    case stepFailed(GateStepFailure)

    /// The observation's kind, as the journal names it.
    public var kind: String {
        switch self {
        case .blockers: "blockers"
        case .releaseCandidate: "release_candidate"
        case .preflight: "preflight"
        case let .canaryRun(run): run.mode == .single ? "single_run" : "four_run"
        case .e2eGateClosure: "e2e_gate_closure"
        case .teamspace: "teamspace"
        case .releaseComment: "release_comment"
        case .stepFailed: "step_failed"
        }
    }
}

extension GateObservation: Encodable {
    private enum CodingKeys: String, CodingKey { case kind, facts }

    /// Encodes as `{"kind": "...", "facts": {...}}` for the journal.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        switch self {
        case let .blockers(findings): try container.encode(findings, forKey: .facts)
        case let .releaseCandidate(facts): try container.encode(facts, forKey: .facts)
        case let .preflight(facts): try container.encode(facts, forKey: .facts)
        case let .canaryRun(facts): try container.encode(facts, forKey: .facts)
        case let .e2eGateClosure(facts): try container.encode(facts, forKey: .facts)
        case let .teamspace(facts): try container.encode(facts, forKey: .facts)
        case let .releaseComment(facts): try container.encode(facts, forKey: .facts)
        case let .stepFailed(facts): try container.encode(facts, forKey: .facts)
        }
    }
}
