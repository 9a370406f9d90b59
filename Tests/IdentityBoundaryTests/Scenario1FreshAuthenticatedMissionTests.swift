import CanaryCore
import CanaryScenarios

/// Scenario 1: `sync now` after a fresh login, with no prior queue state.
final class Scenario1FreshAuthenticatedMissionTests: ScenarioTestCase, @unchecked Sendable {
    override var scenario: ScenarioID { .freshAuthenticatedMission }

    func testFreshAuthenticatedMission() {
        runScenario()
    }
}
