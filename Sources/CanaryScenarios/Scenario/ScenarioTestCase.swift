import CanaryCore
import Foundation
import XCTest

/// The base class of every scenario test: registers the observer and carries the scenario's evidence.
open class ScenarioTestCase: XCTestCase, ScenarioReporting, @unchecked Sendable {
    private let stateLock = NSLock()
    private var pendingFailureMode: FailureMode?
    private var evidence = BoundaryEvidence()
    private var commands: [CommandRecord] = []

    /// The scenario this class runs; every subclass overrides it.
    open var scenario: ScenarioID {
        preconditionFailure("\(type(of: self)) must override `scenario`")
    }

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

    override open func setUp() {
        super.setUp()
        stateLock.withLock {
            evidence = BoundaryEvidence()
            commands = []
            pendingFailureMode = nil
        }
    }
}
