import CanaryCore
import Foundation

/// The gate's progress states, in order: every state but STOPPED.
public enum GateStage: String, CaseIterable, Codable, Sendable {
    /// Nothing checked yet.
    case idle = "IDLE"
    /// Both blockers are closed with substantive fixes.
    case blockersVerified = "BLOCKERS_VERIFIED"
    /// A release candidate newer than the baseline is installed.
    case rcInstalled = "RC_INSTALLED"
    /// The RC imports its sync modules, traces to the floor commit where readable, and the SaaS is healthy.
    case preflightClean = "PREFLIGHT_CLEAN"
    /// One canary run passed 4/4.
    case singleRunPassed = "SINGLE_RUN_PASSED"
    /// Four canary runs passed 4x4/4 with the invariants intact.
    case fourRunPassed = "FOUR_RUN_PASSED"
    /// The e2e#41 evidence comment is posted and #41 closed.
    case e2eGateClosed = "E2E_GATE_CLOSED"
    /// The Teamspace MVP suite passed four times in a row.
    case teamspacePassed = "TEAMSPACE_PASSED"
    /// The #1038 evidence comment is posted; #1038 stays open.
    case gateComplete = "GATE_COMPLETE"

    /// The step that moves the gate on from this stage; nil once complete.
    public var step: GateStep? {
        switch self {
        case .idle: .verifyBlockers
        case .blockersVerified: .installReleaseCandidate
        case .rcInstalled: .preflight
        case .preflightClean: .singleRun
        case .singleRunPassed: .fourRun
        case .fourRunPassed: .closeE2EGate
        case .e2eGateClosed: .teamspace
        case .teamspacePassed: .releaseComment
        case .gateComplete: nil
        }
    }
}
