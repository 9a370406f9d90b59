import CanaryCore
import CanaryTestSupport
import CanaryScenarios
import Foundation
import SaaSStandIn
import XCTest

/// Controls for Scenario 2's identity switches, live against the real CLI: where the boundary holds
/// the harness says so, and a send the server refused still counts as sent.
final class IdentitySwitchControlTests: XCTestCase {
    private var server: StandInServer!
    private var parent: ScenarioFixture!
    private let secondServer = SecondServer(profile: .instant)

    override func setUpWithError() throws {
        TestHeartbeat.install(self)
        try XCTSkipIf(ProcessInfo.processInfo.environment["CANARY_SKIP_REAL_CLI"] == "1", "CANARY_SKIP_REAL_CLI=1")
        server = try StandInServer(configuration: StandInConfiguration(profile: .instant))
        try server.start()
        var options = ScenarioFixture.Options.fromEnvironment()
        options.recordsRunMetadata = false
        parent = try ScenarioFixture(scenario: .legacyQueueRowMigration, target: .embedding(server), options: options)
        try XCTSkipUnless(parent.needsOptIn, "the identity switches need the 3.2.6+ journal; this CLI is \(parent.cliVersion)")
    }

    override func tearDown() {
        if let parent {
            XCTAssertNil(parent.endLeftovers(), "a control left processes running")
            try? FileManager.default.removeItem(at: parent.workspace.directory)
        }
        secondServer.stop()
        server?.stop()
    }

    /// Once the project has synced, each switch is refused and the rows are kept: the boundary holds, and the harness says so.
    func testEverySwitchHoldsWhenTheProjectSyncedFirst() throws {
        let secondTarget = try secondServer.target()
        let collected = Locked<[IdentitySwitchOutcome]>([])
        SideBySide.run(IdentitySwitch.allCases.count) { [parent] index in
            let outcome = IdentitySwitchFlow(IdentitySwitch.allCases[index], syncedFirst: true).run(parent!) { secondTarget }
            collected.withLock { $0.append(outcome) }
        }
        let outcomes = collected.current
        XCTAssertEqual(outcomes.count, IdentitySwitch.allCases.count)
        for outcome in outcomes {
            XCTAssertTrue(outcome.held, outcome.summary)
            XCTAssertTrue(outcome.notes.contains { $0.contains("does not match admitted delivery target") }, "\(outcome.label): the CLI's refusal is recorded: \(outcome.notes)")
        }
    }

    /// Every batch refused by the server: the first identity's events still crossed, and the verdict says so.
    func testARefusedBatchHoldingAForeignIdStillCountsAsSent() throws {
        let admin = server.client()
        // Only the second identity ever sends here: from the switch on, every batch is refused.
        let flow = IdentitySwitchFlow(.account) { second in _ = try admin.injectFault(.serverError, count: 1000, account: second.userID) }
        let outcome = flow.run(parent, secondServer: secondServer.target)
        XCTAssertEqual(outcome.mode, .boundaryForeignRowsLeaked, outcome.summary)
        XCTAssertFalse(outcome.leaks.isEmpty, outcome.summary)
        XCTAssertTrue(outcome.leaks.allSatisfy { $0.answer.hasPrefix("refused (HTTP 500") }, outcome.summary)
        XCTAssertEqual(try server.client().envelopes().count, 0, "nothing was accepted, yet the events were sent")
    }
}
