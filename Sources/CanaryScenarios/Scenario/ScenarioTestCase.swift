import CanaryCore
import Foundation
import XCTest

/// The base class of every scenario test: registers the observer and carries the scenario's evidence.
open class ScenarioTestCase: XCTestCase, ScenarioReporting, @unchecked Sendable {
    private let stateLock = Lock()
    private var pendingFailureMode: FailureMode?
    private var evidence = BoundaryEvidence()
    private var commands: [CommandRecord] = []

    /// The scenario this class runs; every subclass overrides it.
    open var scenario: ScenarioID {
        preconditionFailure("\(type(of: self)) must override `scenario`")
    }

    /// Registers the process-wide observer before XCTest starts the bundle (Linux has no principal class).
    public required init(name: String, testClosure: @escaping XCTestCaseClosure) {
        CanaryObservation.install()
        super.init(name: name, testClosure: testClosure)
    }

    /// The evidence gathered so far.
    public var boundaryEvidence: BoundaryEvidence { stateLock.withLock { evidence } }

    /// The CLI calls recorded so far.
    public var commandRecords: [CommandRecord] { stateLock.withLock { commands } }

    /// Changes the evidence (thread-safe).
    public func updateEvidence(_ change: (inout BoundaryEvidence) -> Void) {
        stateLock.withLock { change(&evidence) }
    }

    /// Records a CLI call for the run document.
    public func record(_ command: CommandRecord) {
        stateLock.withLock { commands.append(command) }
    }

    /// The failure mode `fail(_:_:)` set for the failure being reported now, cleared as it is taken.
    public func takePendingFailureMode() -> FailureMode? {
        stateLock.withLock {
            defer { pendingFailureMode = nil }
            return pendingFailureMode
        }
    }

    /// Fails the scenario with a failure mode; the observer files it under that mode.
    public func fail(_ mode: FailureMode, _ details: String, file: StaticString = #filePath, line: UInt = #line) {
        stateLock.withLock { pendingFailureMode = mode }
        XCTFail("\(mode.rawValue): \(details)", file: file, line: line)
    }

    /// Runs `flow` in a fresh fixture and turns its outcome into this test's verdict.
    ///
    /// Readiness is read before and after, `saas_counts` are filled, the
    /// evidence and every command land in the run document, and whatever the
    /// scenario left running is ended and reported. A passing scenario's
    /// directory is removed (set `CANARY_KEEP_WORK=1` to keep it); a failing
    /// one is kept and named in the details.
    public func runScenario(file: StaticString = #filePath, line: UInt = #line, _ flow: (ScenarioFixture) throws -> Void) {
        // The CLI's daemon scan is host-wide: beside a daemon this run did not start,
        // its verdict would be the host's, so no CLI call is made at all.
        let strangers = HostSyncDaemon.scan()
        guard strangers.isEmpty else {
            updateEvidence { $0.notes["host_daemons"] = strangers.map(\.description).joined(separator: "; ") }
            return fail(.harnessHostNotIsolated, Self.notIsolated(strangers, before: true), file: file, line: line)
        }
        let fixture: ScenarioFixture
        do {
            fixture = try ScenarioFixture(scenario: scenario, target: ServerTarget.shared())
        } catch let failure as ScenarioFailure {
            return fail(failure.mode, failure.details, file: file, line: line)
        } catch {
            return fail(.harnessError, "could not set up the scenario: \(error)", file: file, line: line)
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
            let strangers = HostSyncDaemon.foreign(excluding: [fixture.workspace.directory])
            if !strangers.isEmpty { fixture.updateEvidence { $0.notes["host_daemons"] = strangers.map(\.description).joined(separator: "; ") } }
            failure = Self.judged(verdict, beside: strangers)
        }
        fixture.recordCounts()
        if let left = fixture.endLeftovers() {
            fixture.updateEvidence { $0.notes["left_running"] = left }
            failure = failure ?? ScenarioFailure(.harnessError, "the scenario left processes running, ended by pid: \(left)")
        }
        let cliSeconds = fixture.cliSeconds
        fixture.updateEvidence { $0.notes["cli_seconds"] = String(format: "%.2f", cliSeconds) }
        let evidence = fixture.evidence
        updateEvidence { $0 = evidence }
        fixture.commandRecords.forEach(record)
        if let failure {
            fail(failure.mode, failure.details + "\nscenario directory: \(fixture.workspace.directory.path)", file: file, line: line)
        } else if ProcessInfo.processInfo.environment["CANARY_KEEP_WORK"] != "1" {
            try? FileManager.default.removeItem(at: fixture.workspace.directory)
        }
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

    override open func setUp() {
        super.setUp()
        stateLock.withLock {
            evidence = BoundaryEvidence()
            commands = []
            pendingFailureMode = nil
        }
    }
}
