import CanaryCore
import Foundation

/// Judgements of the canary runs: everything is read back from the bundle, nothing taken from exit codes alone.
extension GateTransition {
    static func judgeCanaryRun(_ run: CanaryRunObservation, from stage: GateStage, onPass: GateStage) -> GateState {
        let logs = run.scriptLog.map { [$0] } ?? []
        let summary = run.script.summaryLine ?? "no output"
        guard let bundle = run.script.evidenceDirectory else {
            let reason = run.script.exitStatus == 2
                ? "canary preflight failed (exit 2): \(summary)"
                : "the canary script (exit \(run.script.exitStatus)) named no evidence directory: \(summary)"
            return stop(stage, reason, evidence: logs, next: "read the script's output, fix the cause, then re-run the gate")
        }
        var reasons: [String] = run.runFileProblems
        var actions: [String] = []
        var reopen: [IssueRef] = []
        var unmappedFailures = false

        if run.runs.count != run.mode.expectedRuns {
            reasons.append("expected \(run.mode.expectedRuns) run file(s) in \(bundle)/runs, found \(run.runs.count)")
        }
        for (index, file) in run.runs.enumerated() {
            let prefix = run.mode == .single ? "" : "run \(file.runNumber ?? index + 1): "
            if file.partial == true || file.scenarios.count != 4 {
                reasons.append("\(prefix)\(file.scenarios.count) of 4 scenarios recorded" + (file.partial == true ? " (partial run)" : ""))
            }
            let failing = file.scenarios.filter { $0.status != "pass" }
            // One line per failure mode: four scenarios refused the same way read as one finding, not four.
            for group in groupedByFailureMode(failing) {
                let first = group[0]
                let mode = first.failureMode ?? "no failure mode"
                let ids = group.map { String($0.id) }.joined(separator: ", ")
                let who = group.count == 1 ? "scenario \(ids)" : "scenarios \(ids)"
                var line = "\(prefix)\(who) failed: \(mode) -> \(BlockerMapping.consequence(forFailureMode: first.failureMode))"
                if let cause = first.details.flatMap(FailureExcerpt.line) {
                    line += group.count == 1 ? " [\(cause)]" : " [scenario \(first.id): \(cause)]"
                }
                reasons.append(line)
                if let blocker = BlockerMapping.blocker(forFailureMode: first.failureMode) {
                    if !reopen.contains(blocker) { reopen.append(blocker) }
                } else {
                    unmappedFailures = true
                }
            }
            if failing.isEmpty, file.outcome != "pass" {
                reasons.append("\(prefix)run file says '\(file.outcome)' though all its scenarios pass")
            }
            // A pass by another CLI proves nothing about this RC.
            if let expected = run.expectedCLIVersion, let driven = file.cliVersion,
               (try? SpecKittyVersion(driven)) != (try? SpecKittyVersion(expected)) {
                reasons.append("\(prefix)drove CLI \(driven), not the installed \(expected)")
            }
        }
        if reasons.isEmpty, run.script.exitStatus != 0 {
            reasons.append("the canary script exited \(run.script.exitStatus) though every run file says pass")
        }
        if !reopen.isEmpty {
            actions.append("re-open \(reopen.map(\.shortName).joined(separator: " and ")) with the evidence at \(bundle) and keep the bundle")
        }
        if unmappedFailures { actions.append("investigate the failing scenarios from the evidence at \(bundle)") }

        if let manifest = run.manifest, !manifest.problems.isEmpty {
            reasons.append("evidence bundle does not verify: " + manifest.problems.joined(separator: "; "))
            actions.append("keep the bundle for inspection; the next attempt writes a new one")
        } else if run.manifest == nil {
            reasons.append("evidence bundle was not checked against MANIFEST.sha256")
        }
        if run.mode == .fourRun {
            if let rows = run.historicalRows {
                let changes = rows.changes
                if !changes.isEmpty {
                    reasons.append("historical business-rule rows changed: " + changes.joined(separator: ", "))
                    actions.append("find what touched the historical rows (nothing may) before any re-run")
                }
            } else {
                reasons.append("historical business-rule rows were not compared after the four-run protocol")
            }
        }
        guard reasons.isEmpty else {
            if actions.isEmpty { actions.append("read the script's output and the bundle, fix the cause") }
            return stop(stage, reasons.joined(separator: "; "), evidence: [bundle] + logs,
                        next: actions.joined(separator: "; ") + "; then re-run the gate", reopen: reopen)
        }
        return .at(onPass)
    }

    /// Failing scenarios grouped by failure mode, in order of first appearance.
    private static func groupedByFailureMode(_ failing: [GateRunFile.Scenario]) -> [[GateRunFile.Scenario]] {
        var groups: [[GateRunFile.Scenario]] = []
        for scenario in failing {
            if let index = groups.firstIndex(where: { $0[0].failureMode == scenario.failureMode }) {
                groups[index].append(scenario)
            } else {
                groups.append([scenario])
            }
        }
        return groups
    }

    static func judgeE2EClosure(_ update: IssueUpdateObservation) -> GateState {
        let name = update.issue.shortName
        let evidence = update.bodyPath.map { [$0] } ?? []
        let byHand = "post the saved comment on \(name) and close it by hand, or fix the tracker and re-run the gate"
        if let error = update.error {
            return stop(.fourRunPassed, "evidence for \(name) was not recorded: \(error)", evidence: evidence, next: byHand)
        }
        guard update.commentLocation != nil else {
            return stop(.fourRunPassed, "no evidence comment was posted on \(name)", evidence: evidence, next: byHand)
        }
        guard update.stateAfter == .closed else {
            return stop(.fourRunPassed, "\(name) is still \(update.stateAfter?.rawValue ?? "unreadable") after its evidence comment",
                        evidence: evidence + [update.commentLocation ?? ""], next: "close \(name) by hand; its evidence comment is posted")
        }
        return .at(.e2eGateClosed)
    }

    static func judgeTeamspace(_ facts: TeamspaceObservation) -> GateState {
        for run in facts.runs {
            if let problem = run.problem {
                return stop(.e2eGateClosed, "Teamspace run \(run.run) of \(facts.requiredRuns) failed (\(problem)): root cause required",
                            evidence: [run.logPath, run.junitPath],
                            next: "find the root cause in \(run.logPath) before any re-run; a retry that passes does not count")
            }
        }
        guard facts.runs.count >= facts.requiredRuns else {
            return stop(.e2eGateClosed, "only \(facts.runs.count) of \(facts.requiredRuns) Teamspace runs were recorded: root cause required",
                        evidence: facts.runs.map(\.logPath), next: "find out why the Teamspace runs stopped, then re-run the gate")
        }
        guard let rows = facts.historicalRows else {
            return stop(.e2eGateClosed, "historical business-rule rows were not compared after the Teamspace runs",
                        next: "report this as a canary bug")
        }
        let changes = rows.changes
        guard changes.isEmpty else {
            return stop(.e2eGateClosed, "historical business-rule rows changed: " + changes.joined(separator: ", "),
                        evidence: facts.runs.map(\.logPath),
                        next: "find what touched the historical rows (nothing may) before any re-run")
        }
        return .at(.teamspacePassed)
    }

    static func judgeReleaseComment(_ update: IssueUpdateObservation) -> GateState {
        let name = update.issue.shortName
        let evidence = update.bodyPath.map { [$0] } ?? []
        let byHand = "post the saved comment on \(name) by hand (it stays open), or fix the tracker and re-run the gate"
        if let error = update.error {
            return stop(.teamspacePassed, "evidence comment on \(name) failed: \(error)", evidence: evidence, next: byHand)
        }
        guard let location = update.commentLocation else {
            return stop(.teamspacePassed, "no evidence comment was posted on \(name)", evidence: evidence, next: byHand)
        }
        guard update.stateAfter == .open else {
            return stop(.teamspacePassed, "\(name) is \(update.stateAfter?.rawValue ?? "unreadable") after its evidence comment; it must stay OPEN",
                        evidence: evidence + [location], next: "re-open \(name); its evidence comment is posted")
        }
        return .at(.gateComplete)
    }
}
