import CanaryCore
import CanaryTestSupport
import CanaryScenarios
import Foundation
import SaaSStandIn
import XCTest

/// Controls for Scenario 2's identity switches, live against the real CLI: where the boundary holds
/// the harness says so, and a send the server refused still counts as sent.
///
/// Both controls are whole lifecycles (minutes, mostly the CLI waiting): the
/// first test that asks runs both side by side, each on stand-ins of its own,
/// and each test asserts on its own.
final class IdentitySwitchControlTests: XCTestCase {
    enum Control: CaseIterable, Sendable {
        case syncedFirst, refusedBatch
    }

    /// A control that could not run: the test errors with the reason.
    struct ControlError: Error, CustomStringConvertible {
        var reason: String
        var description: String { "the control could not run: \(reason)" }
    }

    /// What a control came to, or why it could not run.
    enum Outcome: Sendable {
        case skipped(String)
        case unrunnable(String)
        case syncedFirst([IdentitySwitchOutcome])
        case refusedBatch(IdentitySwitchOutcome, accepted: Int)
    }

    private static let controls = SideBySideOutcomes<Control, (outcome: Outcome, leftovers: String?)> { control in
        let server: StandInServer
        let parent: ScenarioFixture
        let secondServer = SecondServer(profile: .instant)
        do {
            server = try StandInServer(configuration: StandInConfiguration(profile: .instant))
            try server.start()
            var options = ScenarioFixture.Options.fromEnvironment()
            options.recordsRunMetadata = false
            parent = try ScenarioFixture(scenario: .legacyQueueRowMigration, target: .embedding(server), options: options)
        } catch {
            return (.unrunnable("could not set up the control: \(error)"), nil)
        }
        let outcome = run(control, parent: parent, server: server, secondServer: secondServer)
        // Ended after the control, before its outcome is handed over: a leftover fails the test that reads it.
        let leftovers = parent.endLeftovers()
        try? FileManager.default.removeItem(at: parent.workspace.directory)
        secondServer.stop()
        server.stop()
        return (outcome, leftovers)
    }

    private static func run(_ control: Control, parent: ScenarioFixture, server: StandInServer, secondServer: SecondServer) -> Outcome {
        guard parent.needsOptIn else {
            return .skipped("the identity switches need the 3.2.6+ journal; this CLI is \(parent.cliVersion)")
        }
        do {
            switch control {
            case .syncedFirst:
                let secondTarget = try secondServer.target()
                let collected = Locked<[IdentitySwitchOutcome]>([])
                SideBySide.run(IdentitySwitch.allCases.count) { index in
                    let outcome = IdentitySwitchFlow(IdentitySwitch.allCases[index], syncedFirst: true).run(parent) { secondTarget }
                    collected.withLock { $0.append(outcome) }
                }
                return .syncedFirst(collected.current)
            case .refusedBatch:
                let admin = server.client()
                // Only the second identity ever sends here: from the switch on, every batch is refused.
                let flow = IdentitySwitchFlow(.account) { second in _ = try admin.injectFault(.serverError, count: 1000, account: second.userID) }
                let outcome = flow.run(parent, secondServer: secondServer.target)
                return .refusedBatch(outcome, accepted: try server.client().envelopes().count)
            }
        } catch {
            return .unrunnable("\(error)")
        }
    }

    override func setUpWithError() throws {
        TestHeartbeat.install(self)
        try XCTSkipIf(ProcessInfo.processInfo.environment["CANARY_SKIP_REAL_CLI"] == "1", "CANARY_SKIP_REAL_CLI=1")
    }

    private func outcome(of control: Control) throws -> Outcome {
        let (outcome, leftovers) = Self.controls.outcome(of: control)
        XCTAssertNil(leftovers, "a control left processes running")
        switch outcome {
        case let .skipped(reason): throw XCTSkip(reason)
        case let .unrunnable(reason): throw ControlError(reason: reason)
        default: return outcome
        }
    }

    /// Once the project has synced, each switch is refused and the rows are kept: the boundary holds, and the harness says so.
    func testEverySwitchHoldsWhenTheProjectSyncedFirst() throws {
        guard case let .syncedFirst(outcomes) = try outcome(of: .syncedFirst) else { return XCTFail("wrong control") }
        XCTAssertEqual(outcomes.count, IdentitySwitch.allCases.count)
        for outcome in outcomes {
            XCTAssertTrue(outcome.held, outcome.summary)
            XCTAssertTrue(outcome.notes.contains { $0.contains("does not match admitted delivery target") }, "\(outcome.label): the CLI's refusal is recorded: \(outcome.notes)")
        }
    }

    /// Every batch refused by the server: the first identity's events still crossed, and the verdict says so.
    func testARefusedBatchHoldingAForeignIdStillCountsAsSent() throws {
        guard case let .refusedBatch(outcome, accepted) = try outcome(of: .refusedBatch) else { return XCTFail("wrong control") }
        XCTAssertEqual(outcome.mode, .boundaryForeignRowsLeaked, outcome.summary)
        XCTAssertFalse(outcome.leaks.isEmpty, outcome.summary)
        XCTAssertTrue(outcome.leaks.allSatisfy { $0.answer.hasPrefix("refused (HTTP 500") }, outcome.summary)
        XCTAssertEqual(accepted, 0, "nothing was accepted, yet the events were sent")
    }
}
