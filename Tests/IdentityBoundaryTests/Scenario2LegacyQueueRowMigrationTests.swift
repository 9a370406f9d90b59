import CanaryCore
import CanaryScenarios

/// Scenario 2: queue rows from a different identity are never delivered under the current one.
final class Scenario2LegacyQueueRowMigrationTests: ScenarioTestCase, @unchecked Sendable {
    override var scenario: ScenarioID { .legacyQueueRowMigration }

    func testLegacyQueueRowMigration() {
        runScenario()
    }
}
