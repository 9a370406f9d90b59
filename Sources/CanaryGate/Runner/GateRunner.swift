import CanaryCore
import Foundation

/// Walks the gate: state -> step -> observation -> next state, until GATE_COMPLETE or STOPPED.
///
/// The runner only performs steps and records; every decision is made by
/// `GateTransition.next`. Each step is journalled as it finishes, so a gate
/// killed half-way still leaves an account of how far it got.
public struct GateRunner {
    private let configuration: GateConfiguration
    private let steps: GateSteps
    private let artifacts: GateArtifactStore
    private let progress: @Sendable (String) -> Void
    private let now: @Sendable () -> Date
    private let echoStepOutput: Bool
    private let heartbeatInterval: TimeInterval?

    /// The journal's file name in the attempt.
    public static let journalName = "gate-journal.jsonl"
    /// The final report's file name in the attempt.
    public static let reportName = "gate-report.txt"

    /// Creates a runner; `progress` receives one line per step, `echoStepOutput` also forwards scripts' output to it.
    ///
    /// With a `heartbeatInterval`, a step still running says so at that pace.
    public init(
        configuration: GateConfiguration, steps: GateSteps, artifacts: GateArtifactStore,
        progress: @escaping @Sendable (String) -> Void = { _ in }, now: @escaping @Sendable () -> Date = { Date() },
        echoStepOutput: Bool = false, heartbeatInterval: TimeInterval? = nil
    ) {
        self.heartbeatInterval = heartbeatInterval
        self.configuration = configuration
        self.steps = steps
        self.artifacts = artifacts
        self.progress = progress
        self.now = now
        self.echoStepOutput = echoStepOutput
    }

    /// Walks from IDLE to the end and writes the journal and the final report into the attempt.
    public func run() -> GateOutcome {
        var state = GateState.at(.idle)
        var ledger = GateLedger()
        var journal: [GateJournalEntry] = []
        progress("gate: attempt \(artifacts.location)")
        while let stage = state.stage, let step = stage.step {
            progress("gate: \(stage.rawValue): \(step.label) ...")
            let observation = ProgressHeartbeat.during(
                "gate: \(stage.rawValue): \(step.label)", every: heartbeatInterval, output: progress
            ) { observe(step, ledger: ledger) }
            ledger.record(observation)
            var next = GateTransition.next(state, observation)
            let summary = GateObservationSummary.line(observation)
            var entry = GateJournalEntry(
                time: Timestamp.iso8601(now()), state: stage.rawValue, step: step.rawValue, observation: observation,
                summary: summary, nextState: next.name, stop: next.stopReport
            )
            if let failure = appendToJournal(entry) {
                // Without its journal the gate's evidence is incomplete: stop rather than walk on unrecorded.
                next = .stopped(GateStopReport(
                    stoppedAt: stage, reason: "cannot write the gate journal: \(failure)",
                    evidence: [artifacts.location], nextAction: "make the work directory writable, then re-run the gate"
                ))
                entry = GateJournalEntry(
                    time: entry.time, state: entry.state, step: entry.step, observation: observation, summary: summary,
                    nextState: next.name, stop: next.stopReport
                )
            }
            journal.append(entry)
            progress("gate: \(stage.rawValue) -> \(next.name): \(summary)")
            if let report = next.stopReport { progress("gate: stopped: \(report.reason)") }
            state = next
        }
        var reopened: [String] = []
        if let report = state.stopReport, configuration.reopenBlockersOnFailure {
            reopened = reopen(report, journal: &journal)
        }
        let outcome = GateOutcome(
            finalState: state, ledger: ledger, journal: journal, reopened: reopened,
            journalPath: artifacts.path(of: Self.journalName), attemptLocation: artifacts.location
        )
        let report = GateReportRenderer.render(outcome, configuration: configuration)
        do {
            try artifacts.write(report, named: Self.reportName)
        } catch {
            progress("gate: cannot write \(Self.reportName): \(error)")
        }
        return outcome
    }

    // MARK: Steps

    private func observe(_ step: GateStep, ledger: GateLedger) -> GateObservation {
        do {
            switch step {
            case .verifyBlockers: return .blockers(verifyBlockers())
            case .installReleaseCandidate: return .releaseCandidate(try installReleaseCandidate())
            case .preflight: return .preflight(try preflight(ledger))
            case .singleRun: return .canaryRun(try canaryRun(.single, ledger))
            case .fourRun: return .canaryRun(try canaryRun(.fourRun, ledger))
            case .closeE2EGate: return .e2eGateClosure(closeE2EGate(ledger))
            case .teamspace: return .teamspace(try teamspace(ledger))
            case .releaseComment: return .releaseComment(releaseComment(ledger))
            }
        } catch {
            return .stepFailed(GateStepFailure(step: step, message: "\(error)"))
        }
    }

    private func verifyBlockers() -> [BlockerFinding] {
        configuration.blockers.map { ref in
            do {
                let issue = try steps.tracker.issue(ref)
                var fix = issue.fix
                // A clone is the source itself: its facts replace whatever the tracker recorded.
                if let inspector = steps.fixInspector, let commit = fix?.commit {
                    fix = try inspector.facts(ofCommit: commit)
                }
                return BlockerFinding(issue: ref, state: issue.state, fix: fix)
            } catch {
                return BlockerFinding(issue: ref, state: nil, fix: nil, unreadable: "\(error)")
            }
        }
    }

    private func installReleaseCandidate() throws -> ReleaseCandidateObservation {
        let listed = try steps.index.versions(of: configuration.packageName)
        let selection = configuration.candidate.map { ReleaseCandidateSelection.named($0, from: listed, line: configuration.line) }
            ?? ReleaseCandidateSelection.pick(from: listed, line: configuration.line)
        progress("gate: \(selection.reason)")
        guard let chosen = selection.chosen, chosen > configuration.baseline else {
            return ReleaseCandidateObservation(baseline: configuration.baseline, selection: selection)
        }
        let logName = "install-\(chosen).log"
        progress("gate: installing spec-kitty-cli \(chosen) (\(steps.installer.installerDescription); log \(artifacts.path(of: logName)))")
        do {
            let installed = try steps.installer.install(version: chosen, output: logSink(logName))
            return ReleaseCandidateObservation(
                baseline: configuration.baseline, selection: selection, installed: installed,
                installLog: existingArtifact(logName)
            )
        } catch {
            return ReleaseCandidateObservation(
                baseline: configuration.baseline, selection: selection, installError: "\(error)",
                installLog: existingArtifact(logName)
            )
        }
    }

    private func preflight(_ ledger: GateLedger) throws -> PreflightObservation {
        let cli = try installedCLI(ledger)
        let imports = try steps.installer.checkImports(ImportCheckResult.syncModules, of: cli)
        let metadata = try? steps.installer.metadata(of: cli)
        let trace = steps.traceability.trace(version: cli.version, metadata: metadata)
        do {
            let health = try steps.saas.health()
            let readiness = try steps.saas.readiness()
            let rows = try steps.saas.historicalRows()
            return PreflightObservation(
                cli: cli, imports: imports, metadata: metadata, trace: trace, saasURL: steps.saas.baseURL,
                health: health, readiness: readiness, historicalRows: rows
            )
        } catch {
            return PreflightObservation(
                cli: cli, imports: imports, metadata: metadata, trace: trace, saasURL: steps.saas.baseURL,
                health: nil, readiness: nil, historicalRows: nil, saasError: "\(error)"
            )
        }
    }

    private func canaryRun(_ mode: CanaryRunMode, _ ledger: GateLedger) throws -> CanaryRunObservation {
        let cli = try installedCLI(ledger)
        let logName = mode == .single ? "single-run.log" : "four-run.log"
        progress("gate: running \(steps.canary.runnerDescription) (\(mode.label); log \(artifacts.path(of: logName)))")
        // The script's own "canary: …" lines (each run and scenario as it ends) are the progress of a long step.
        let script = try steps.canary.run(
            mode, cli: cli, saasURL: steps.saas.baseURL, output: logSink(logName, progressPrefix: "canary: ")
        )
        var runs: [GateRunFile] = []
        var problems: [String] = []
        var manifest: ManifestVerification?
        if let bundle = script.evidenceDirectory {
            (runs, problems) = EvidenceBundleReader(files: steps.bundleFiles).runs(in: bundle)
            manifest = ManifestVerification.verify(bundle: bundle, files: steps.bundleFiles)
        }
        var rows: HistoricalRowsCheck?
        var readinessAfter: SaaSReadiness?
        if mode == .fourRun {
            rows = historicalRowsCheck(ledger)
            readinessAfter = try? steps.saas.readiness()
        }
        return CanaryRunObservation(
            mode: mode, expectedCLIVersion: cli.version, script: script, runs: runs, runFileProblems: problems, manifest: manifest,
            historicalRows: rows, readinessAfter: readinessAfter, scriptLog: existingArtifact(logName)
        )
    }

    private func closeE2EGate(_ ledger: GateLedger) -> IssueUpdateObservation {
        let body = GateCommentRenderer.e2eGateComment(ledger, journal: artifacts.path(of: Self.journalName))
        return postEvidence(body, on: configuration.e2eGate, thenClose: true)
    }

    private func teamspace(_ ledger: GateLedger) throws -> TeamspaceObservation {
        let cli = try installedCLI(ledger)
        let environment = [
            "SPEC_KITTY_BIN": cli.binary, "SPEC_KITTY_SAAS_URL": steps.saas.baseURL, "SPEC_KITTY_ENABLE_SAAS_SYNC": "1",
        ]
        var runs: [TeamspaceRunResult] = []
        for number in 1 ... max(1, configuration.teamspaceRuns) {
            let base = "\(configuration.teamspaceDirectory)/teamspace-canary-run-\(number)"
            progress("gate: Teamspace run \(number)/\(configuration.teamspaceRuns) (log \(base).log)")
            let result = try steps.teamspace.run(number, logPath: base + ".log", junitPath: base + ".xml", environment: environment)
            runs.append(result)
            // "Four times in a row": the first failure ends the series; its root cause comes before any retry.
            if result.problem != nil { break }
        }
        return TeamspaceObservation(
            command: steps.teamspace.runnerDescription, runs: runs, requiredRuns: configuration.teamspaceRuns,
            historicalRows: historicalRowsCheck(ledger), readinessAfter: try? steps.saas.readiness()
        )
    }

    private func releaseComment(_ ledger: GateLedger) -> IssueUpdateObservation {
        let body = GateCommentRenderer.releaseTrackingComment(
            ledger, journal: artifacts.path(of: Self.journalName), e2eGate: configuration.e2eGate
        )
        return postEvidence(body, on: configuration.releaseTracking, thenClose: false)
    }

    // MARK: Helpers

    private func postEvidence(_ body: String, on issue: IssueRef, thenClose close: Bool) -> IssueUpdateObservation {
        let bodyName = "comment-\(issue.repository)-\(issue.number).md"
        let bodyPath = try? artifacts.write(body, named: bodyName)
        let location: String
        do {
            location = try steps.tracker.postComment(body, on: issue)
        } catch {
            return IssueUpdateObservation(
                issue: issue, commentLocation: nil, stateAfter: nil, bodyPath: bodyPath, error: "posting the comment: \(error)"
            )
        }
        if close {
            do {
                try steps.tracker.close(issue)
            } catch {
                return IssueUpdateObservation(
                    issue: issue, commentLocation: location, stateAfter: nil, bodyPath: bodyPath, error: "closing: \(error)"
                )
            }
        }
        // Read the state back rather than assume the close (or the absence of one) took.
        let state = try? steps.tracker.issue(issue).state
        return IssueUpdateObservation(
            issue: issue, commentLocation: location, stateAfter: state, bodyPath: bodyPath,
            error: state == nil ? "could not read \(issue) back" : nil
        )
    }

    private func reopen(_ report: GateStopReport, journal: inout [GateJournalEntry]) -> [String] {
        report.reopen.map { blocker in
            let body = """
                The sync identity-boundary release gate stopped at \(report.stoppedAt.rawValue): \(report.reason)

                Evidence:
                \(report.evidence.map { "- `\($0)`" }.joined(separator: "\n"))
                - gate journal: `\(artifacts.path(of: Self.journalName))`

                Re-opened by the release gate; the evidence bundle is kept as it is.
                """
            let result: String
            do {
                let location = try steps.tracker.postComment(body, on: blocker)
                try steps.tracker.reopen(blocker)
                result = "\(blocker) re-opened (comment \(location))"
            } catch {
                result = "\(blocker) could not be re-opened: \(error)"
            }
            progress("gate: \(result)")
            let entry = GateJournalEntry(
                time: Timestamp.iso8601(now()), state: "STOPPED", step: "reopen_blocker", observation: nil,
                summary: result, nextState: "STOPPED"
            )
            if let failure = appendToJournal(entry) { progress("gate: cannot write the gate journal: \(failure)") }
            journal.append(entry)
            return result
        }
    }

    private func historicalRowsCheck(_ ledger: GateLedger) -> HistoricalRowsCheck {
        let start = ledger.preflight?.historicalRows ?? HistoricalRowsSnapshot(count: nil, digest: nil)
        do {
            return HistoricalRowsCheck(start: start, end: try steps.saas.historicalRows())
        } catch {
            return HistoricalRowsCheck(start: start, end: nil, error: "\(error)")
        }
    }

    private func installedCLI(_ ledger: GateLedger) throws -> InstalledCLI {
        guard let cli = ledger.installedCLI else { throw GateRunnerError.noInstalledCLI }
        return cli
    }

    private func appendToJournal(_ entry: GateJournalEntry) -> String? {
        do {
            try artifacts.append(try entry.jsonLine() + "\n", to: Self.journalName)
            return nil
        } catch {
            return "\(error)"
        }
    }

    /// Appends a step's output to its log; echoes all of it when asked to, else only lines starting with `progressPrefix`.
    private func logSink(_ name: String, progressPrefix: String? = nil) -> @Sendable (String) -> Void {
        let artifacts = artifacts, progress = progress, echo = echoStepOutput
        let filter = echo ? nil : progressPrefix.map { prefix in
            ProgressLineFilter(prefix: prefix) { progress("  " + $0) }
        }
        return { text in
            _ = try? artifacts.append(text, to: name)
            if echo { progress(text.hasSuffix("\n") ? String(text.dropLast()) : text) }
            filter?.consume(text)
        }
    }

    private func existingArtifact(_ name: String) -> String? {
        artifacts.exists(name) ? artifacts.path(of: name) : nil
    }
}

/// A runner invariant broken: a step ran without what an earlier step should have recorded.
public enum GateRunnerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A step needing the installed CLI ran before one was recorded.
    case noInstalledCLI

    /// A one-line explanation.
    public var description: String {
        switch self {
        case .noInstalledCLI: "harness error: no installed CLI was recorded before this step"
        }
    }
}
