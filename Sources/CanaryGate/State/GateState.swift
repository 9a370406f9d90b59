import CanaryCore
import Foundation

/// The Gate Execution State: at a progress stage, or STOPPED with its report.
///
/// The stages are listed once, in `GateStage`; a state only adds STOPPED,
/// which is not a stage because it carries a report and no step follows it.
public enum GateState: Equatable, Sendable {
    /// At a progress stage, GATE_COMPLETE included.
    case at(GateStage)
    /// The gate stopped; the report says why and what next.
    case stopped(GateStopReport)

    /// The progress stage, or nil when stopped.
    public var stage: GateStage? {
        if case let .at(stage) = self { return stage }
        return nil
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
