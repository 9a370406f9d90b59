import CanaryCore
import Foundation
import XCTest

/// Starts every scenario XCTest selected as the run begins, so they run side by side while XCTest takes them one at a time.
///
/// The first suite to start is the whole selection (`--filter` applied), so
/// `swift test --filter IdentityBoundaryTests.Scenario4` starts Scenario 4
/// alone, and a `--parallel` worker only the one test it was handed.
public final class ScenarioPrestart: NSObject, XCTestObservation, @unchecked Sendable {
    private let schedule: ScenarioSchedule
    private let recognize: (XCTest) -> ScenarioID?
    private let lock = Lock()
    private var done = false

    /// A prestart feeding `schedule` the scenarios `recognize` finds among the selected tests.
    public init(schedule: ScenarioSchedule = .shared, recognize: @escaping (XCTest) -> ScenarioID? = { ($0 as? ScenarioTestCase)?.scenario }) {
        self.schedule = schedule
        self.recognize = recognize
    }

    public func testSuiteWillStart(_ testSuite: XCTestSuite) {
        let first = lock.withLock {
            defer { done = true }
            return !done
        }
        guard first else { return }
        schedule.start(scenarios(in: testSuite))
    }

    /// The scenarios among `test` and everything under it.
    func scenarios(in test: XCTest) -> [ScenarioID] {
        if let suite = test as? XCTestSuite { return suite.tests.flatMap(scenarios(in:)) }
        return recognize(test).map { [$0] } ?? []
    }
}
