import CanaryCore
import Foundation

/// One scenario from its host check to its verdict, outside XCTest: what a scenario test replays.
///
/// Readiness is read before and after, `saas_counts` are filled, every command
/// is kept and whatever the scenario left running is ended and reported. A
/// passing scenario's directory is removed (`CANARY_KEEP_WORK=1` keeps it); a
/// failing one is kept and named in the details. Safe to call from several
/// threads at once: each call has its own fixture, home and work directory.
public enum ScenarioExecution {
    /// Runs `flow` for `scenario` in a fresh fixture against the shared target.
    public static func run(
        _ scenario: ScenarioID,
        window: DaemonWindow = .host,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        flow: (ScenarioFixture) throws -> Void
    ) -> ScenarioOutcome {
        let startedAt = Date()
        var evidence = BoundaryEvidence()
        func outcome(_ failure: ScenarioFailure?, commands: [CommandRecord] = []) -> ScenarioOutcome {
            ScenarioOutcome(scenario: scenario, failure: failure, evidence: evidence, commands: commands,
                            interval: DateInterval(start: startedAt, end: max(startedAt, Date())))
        }
        // The CLI's daemon scan is host-wide: beside a daemon this run did not start,
        // its verdict would be the host's, so no CLI call is made at all.
        let strangers = window.sharing { HostSyncDaemon.scan() }
        guard strangers.isEmpty else {
            evidence.notes["host_daemons"] = strangers.map(\.description).joined(separator: "; ")
            return outcome(ScenarioFailure(.harnessHostNotIsolated, notIsolated(strangers, before: true)))
        }
        let fixture: ScenarioFixture
        do {
            fixture = try ScenarioFixture(scenario: scenario, target: ServerTarget.shared())
        } catch let failure as ScenarioFailure {
            return outcome(failure)
        } catch {
            return outcome(ScenarioFailure(.harnessError, "could not set up the scenario: \(error)"))
        }
        var failure: ScenarioFailure?
        do {
            try fixture.requireReady("before")
            try flow(fixture)
        } catch let error as ScenarioFailure {
            failure = error
        } catch {
            failure = ScenarioFailure(.harnessError, "\(error)")
        }
        do {
            try fixture.requireReady("after")
        } catch let error as ScenarioFailure {
            failure = failure ?? error
        } catch {}
        if let verdict = failure {
            let strangers = window.sharing { HostSyncDaemon.foreign(excluding: [fixture.workspace.directory]) }
            if !strangers.isEmpty { fixture.updateEvidence { $0.notes["host_daemons"] = strangers.map(\.description).joined(separator: "; ") } }
            failure = judged(verdict, beside: strangers)
        }
        fixture.recordCounts()
        if let left = fixture.endLeftovers() {
            fixture.updateEvidence { $0.notes["left_running"] = left }
            failure = failure ?? ScenarioFailure(.harnessError, "the scenario left processes running, ended by pid: \(left)")
        }
        let cliSeconds = fixture.cliSeconds
        fixture.updateEvidence { $0.notes["cli_seconds"] = String(format: "%.2f", cliSeconds) }
        evidence = fixture.evidence
        if let verdict = failure {
            failure = ScenarioFailure(verdict.mode, verdict.details + "\nscenario directory: \(fixture.workspace.directory.path)")
        } else if environment["CANARY_KEEP_WORK"] != "1" {
            try? FileManager.default.removeItem(at: fixture.workspace.directory)
        }
        return outcome(failure, commands: fixture.commandRecords)
    }

    /// A red verdict as it stands beside `strangers`, daemons that appeared on the host mid-run:
    /// then it is the host's (`harness.host_not_isolated`, the scenario's own verdict quoted), never the CLI's.
    static func judged(_ verdict: ScenarioFailure, beside strangers: [HostSyncDaemon]) -> ScenarioFailure {
        guard !strangers.isEmpty else { return verdict }
        return ScenarioFailure(.harnessHostNotIsolated, notIsolated(strangers, before: false)
            + "\nthe scenario's own verdict, not trusted: \(verdict.mode.rawValue): \(verdict.details)")
    }

    /// The details of a `harness.host_not_isolated` verdict.
    static func notIsolated(_ strangers: [HostSyncDaemon], before: Bool) -> String {
        "a sync daemon this run did not start lives on the host (\(strangers.map(\.description).joined(separator: ", "))): "
            + "the CLI's daemon scan is host-wide, so its verdict would be the host's; "
            + (before ? "no CLI call was made. " : "it appeared during the scenario. ")
            + "Stop it by pid, or run the canary on a host without one."
    }
}
