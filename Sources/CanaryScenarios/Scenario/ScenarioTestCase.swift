import CanaryCore
import Foundation
import XCTest

/// The base class of every scenario test: registers the observer and the prestart, and replays its scenario's outcome as its verdict.
open class ScenarioTestCase: XCTestCase, ScenarioReporting, @unchecked Sendable {
    private let stateLock = Lock()
    private var pendingFailureMode: FailureMode?
    private var evidence = BoundaryEvidence()
    private var commands: [CommandRecord] = []
    private var interval: DateInterval?

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

    /// When the scenario itself ran, which may be before this test started: the run document's times.
    public var scenarioInterval: DateInterval? { stateLock.withLock { interval } }

    /// Takes this scenario's outcome from the process's schedule (started side by side with the
    /// others, or run now) and makes it this test's verdict, evidence and commands.
    public func runScenario(file: StaticString = #filePath, line: UInt = #line) {
        replay(ScenarioSchedule.shared.outcome(for: scenario), file: file, line: line)
    }

    /// Makes `outcome` this test's verdict: its evidence, its commands and, when red, one classified failure.
    public func replay(_ outcome: ScenarioOutcome, file: StaticString = #filePath, line: UInt = #line) {
        stateLock.withLock {
            evidence = outcome.evidence
            commands = outcome.commands
            interval = outcome.interval
        }
        if let failure = outcome.failure {
            fail(failure.mode, failure.details, file: file, line: line)
        }
    }

    override open func setUp() {
        super.setUp()
        stateLock.withLock {
            evidence = BoundaryEvidence()
            commands = []
            interval = nil
            pendingFailureMode = nil
        }
    }
}
