import CanaryCore
import CanaryScenarios

/// Scenario 3: `sync status --check` and `sync now` refuse an injected owner mismatch.
final class Scenario3DaemonOwnerMismatchRefusalTests: ScenarioTestCase, @unchecked Sendable {
    override var scenario: ScenarioID { .daemonOwnerMismatchRefusal }

    func testDaemonOwnerMismatchRefusal() {
        runScenario()
    }
}
