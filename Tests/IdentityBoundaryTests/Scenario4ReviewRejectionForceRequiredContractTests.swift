import CanaryCore
import CanaryScenarios

/// Scenario 4: a rollback after review rejection carries force=true and a reason to the queue and the server.
final class Scenario4ReviewRejectionForceRequiredContractTests: ScenarioTestCase, @unchecked Sendable {
    override var scenario: ScenarioID { .reviewRejectionForceRequiredContract }

    func testReviewRejectionForceRequiredContract() {
        runScenario()
    }
}
