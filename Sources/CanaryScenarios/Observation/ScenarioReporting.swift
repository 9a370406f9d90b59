import CanaryCore
import Foundation

/// What a scenario test case tells the observer beyond XCTest's own callbacks.
///
/// `ScenarioTestCase` adopts it; tests of the observer adopt it on plain
/// XCTestCase subclasses.
public protocol ScenarioReporting: AnyObject {
    /// The scenario the case runs.
    var scenario: ScenarioID { get }
    /// The evidence gathered so far.
    var boundaryEvidence: BoundaryEvidence { get }
    /// The CLI calls made so far.
    var commandRecords: [CommandRecord] { get }
    /// The failure mode set for the failure being reported now, cleared as it is taken.
    func takePendingFailureMode() -> FailureMode?
    /// When the scenario itself ran, when that differs from the test's own time (it ran side by side, ahead of its test).
    var scenarioInterval: DateInterval? { get }
}

extension ScenarioReporting {
    /// The test's own time is the scenario's.
    public var scenarioInterval: DateInterval? { nil }
}
