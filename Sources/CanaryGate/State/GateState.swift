import CanaryCore
import Foundation

/// The Gate Execution State: a progress stage, or STOPPED with its report.
public enum GateState: Equatable, Sendable {
    /// Nothing checked yet.
    case idle
    /// Both blockers closed with substantive fixes.
    case blockersVerified
    /// A release candidate newer than the baseline is installed.
    case rcInstalled
    /// Imports, traceability and SaaS preflight are clean.
    case preflightClean
    /// One canary run passed.
    case singleRunPassed
    /// Four canary runs passed.
    case fourRunPassed
    /// e2e#41 carries the evidence and is closed.
    case e2eGateClosed
    /// Teamspace MVP passed four times.
    case teamspacePassed
    /// #1038 carries the evidence; the gate is done.
    case gateComplete
    /// The gate stopped; the report says why and what next.
    case stopped(GateStopReport)

    /// The state of a progress stage.
    public init(_ stage: GateStage) {
        switch stage {
        case .idle: self = .idle
        case .blockersVerified: self = .blockersVerified
        case .rcInstalled: self = .rcInstalled
        case .preflightClean: self = .preflightClean
        case .singleRunPassed: self = .singleRunPassed
        case .fourRunPassed: self = .fourRunPassed
        case .e2eGateClosed: self = .e2eGateClosed
        case .teamspacePassed: self = .teamspacePassed
        case .gateComplete: self = .gateComplete
        }
    }

    /// The progress stage, or nil when stopped.
    public var stage: GateStage? {
        switch self {
        case .idle: .idle
        case .blockersVerified: .blockersVerified
        case .rcInstalled: .rcInstalled
        case .preflightClean: .preflightClean
        case .singleRunPassed: .singleRunPassed
        case .fourRunPassed: .fourRunPassed
        case .e2eGateClosed: .e2eGateClosed
        case .teamspacePassed: .teamspacePassed
        case .gateComplete: .gateComplete
        case .stopped: nil
        }
    }

    /// The state's name as the design writes it: `IDLE`, ..., `STOPPED`.
    public var name: String { stage?.rawValue ?? "STOPPED" }

    /// True for GATE_COMPLETE and STOPPED: no step follows.
    public var isTerminal: Bool { stage?.step == nil }

    /// The stop report, when stopped.
    public var stopReport: GateStopReport? {
        if case let .stopped(report) = self { return report }
        return nil
    }
}
