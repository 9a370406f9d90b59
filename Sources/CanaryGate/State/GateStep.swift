import CanaryCore
import Foundation

/// The work done in one state to observe whether the gate may move on.
public enum GateStep: String, CaseIterable, Codable, Sendable {
    /// Read #1141 and #1182 and their fix commits.
    case verifyBlockers = "verify_blockers"
    /// Pick the newest RC in the line and install it.
    case installReleaseCandidate = "install_rc"
    /// Import check, CLI traceability, SaaS health and the historical rows' starting snapshot.
    case preflight
    /// `run-sync-identity-boundary-canary.sh --single --yes`.
    case singleRun = "single_run"
    /// The four-run protocol, then the manifest and historical-rows invariants.
    case fourRun = "four_run"
    /// Post the evidence comment on e2e#41 and close it.
    case closeE2EGate = "close_e2e_gate"
    /// The Teamspace MVP suite, four times in a row.
    case teamspace
    /// Post the evidence comment on #1038, leaving it open.
    case releaseComment = "release_comment"

    /// What the step does, in a progress line.
    public var label: String {
        switch self {
        case .verifyBlockers: "verify blockers"
        case .installReleaseCandidate: "pick and install the release candidate"
        case .preflight: "import check, CLI traceability and SaaS preflight"
        case .singleRun: "single canary run"
        case .fourRun: "four-run protocol"
        case .closeE2EGate: "evidence comment on spec-kitty-e2e#41, then close it"
        case .teamspace: "Teamspace MVP suite, four times in a row"
        case .releaseComment: "evidence comment on spec-kitty#1038 (stays open)"
        }
    }
}
