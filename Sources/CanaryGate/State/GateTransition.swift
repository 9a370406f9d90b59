import CanaryCore
import Foundation

/// The gate's transition function: pure, total, and the only place that decides whether the gate moves on.
public enum GateTransition {
    /// The state after `observation` was made in `state`.
    ///
    /// Terminal states do not move. An observation that is not the outcome of
    /// the state's step stops the gate as a harness error rather than being
    /// ignored: a mis-wired runner must not walk the gate forward.
    public static func next(_ state: GateState, _ observation: GateObservation) -> GateState {
        guard let stage = state.stage, let step = stage.step else { return state }
        switch (stage, observation) {
        case let (_, .stepFailed(failure)):
            return stop(stage, "\(failure.step.label) could not run: \(failure.message)",
                        evidence: failure.evidence, next: "fix the cause above, then re-run the gate")
        case let (.idle, .blockers(findings)):
            return judgeBlockers(findings)
        case let (.blockersVerified, .releaseCandidate(facts)):
            return judgeReleaseCandidate(facts)
        case let (.rcInstalled, .preflight(facts)):
            return judgePreflight(facts)
        case let (.preflightClean, .canaryRun(run)) where run.mode == .single:
            return judgeCanaryRun(run, from: .preflightClean, onPass: .singleRunPassed)
        case let (.singleRunPassed, .canaryRun(run)) where run.mode == .fourRun:
            return judgeCanaryRun(run, from: .singleRunPassed, onPass: .fourRunPassed)
        case let (.fourRunPassed, .e2eGateClosure(update)):
            return judgeE2EClosure(update)
        case let (.e2eGateClosed, .teamspace(facts)):
            return judgeTeamspace(facts)
        case let (.teamspacePassed, .releaseComment(update)):
            return judgeReleaseComment(update)
        default:
            return stop(stage, "harness error: a \(observation.kind) observation does not answer \(stage.rawValue)'s step (\(step.rawValue))",
                        next: "report this as a canary bug; the gate's runner is mis-wired")
        }
    }

    static func stop(
        _ stage: GateStage, _ reason: String, evidence: [String] = [], next: String, reopen: [IssueRef] = []
    ) -> GateState {
        .stopped(GateStopReport(stoppedAt: stage, reason: reason, evidence: evidence, nextAction: next, reopen: reopen))
    }
}
