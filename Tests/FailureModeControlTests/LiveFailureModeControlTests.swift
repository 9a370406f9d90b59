import CanaryCore
import CanaryTestSupport
import CanaryScenarios
import Foundation
import SaaSStandIn
import XCTest

/// Negative controls against the real CLI: a fault is caused for real and the harness must name it.
///
/// Each test starts its own stand-in (so injected faults touch no other test),
/// runs the scenario steps through the same fixture and flows the canary uses,
/// and asserts the failure mode the harness assigns. None of these classes is
/// a scenario test: the run document never sees them.
final class LiveFailureModeControlTests: XCTestCase {
    private var server: StandInServer!
    private var fixtures: [ScenarioFixture] = []

    override func setUpWithError() throws {
        TestHeartbeat.install(self)
        try XCTSkipIf(ProcessInfo.processInfo.environment["CANARY_SKIP_REAL_CLI"] == "1", "CANARY_SKIP_REAL_CLI=1")
        server = try StandInServer(configuration: StandInConfiguration(profile: .instant))
        try server.start()
    }

    override func tearDown() {
        for fixture in fixtures {
            XCTAssertNil(fixture.endLeftovers(), "a control left processes running")
            try? FileManager.default.removeItem(at: fixture.workspace.directory)
        }
        server?.stop()
    }

    private func fixture(_ scenario: ScenarioID = .freshAuthenticatedMission, target: ServerTarget? = nil,
                         timeout: TimeInterval? = nil) throws -> ScenarioFixture {
        var options = ScenarioFixture.Options.fromEnvironment()
        options.recordsRunMetadata = false
        if let timeout { options.commandTimeout = timeout }
        let fixture = try ScenarioFixture(scenario: scenario, target: target ?? .embedding(server), options: options)
        fixtures.append(fixture)
        return fixture
    }

    private func assertFails(with mode: FailureMode, _ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) -> ScenarioFailure? {
        do {
            try body()
            XCTFail("expected \(mode.rawValue), the steps passed", file: file, line: line)
            return nil
        } catch let failure as ScenarioFailure {
            XCTAssertEqual(failure.mode, mode, failure.details, file: file, line: line)
            return failure
        } catch {
            XCTFail("expected \(mode.rawValue), got \(error)", file: file, line: line)
            return nil
        }
    }

    /// The controls that drive a whole CLI lifecycle (about 50 s each, mostly the CLI waiting on
    /// its own store lock): the first test that asks runs all four side by side, each on its own
    /// stand-in, and each test asserts on its own.
    enum Lifecycle: CaseIterable, Sendable {
        case rejectedBatch, serverError, protocolUpgrade, rollbackWithoutReviewFeedback
    }

    /// What a lifecycle control came to: the failure the harness named, or what went wrong instead.
    struct LifecycleOutcome: Sendable {
        var failure: ScenarioFailure?
        var unexpected: String?
        var leftovers: String?
    }

    private static let lifecycles = SideBySideOutcomes<Lifecycle, LifecycleOutcome> { control in
        var outcome = LifecycleOutcome()
        let server: StandInServer
        let fixture: ScenarioFixture
        do {
            server = try StandInServer(configuration: StandInConfiguration(profile: .instant))
            try server.start()
            var options = ScenarioFixture.Options.fromEnvironment()
            options.recordsRunMetadata = false
            let scenario: ScenarioID = control == .rollbackWithoutReviewFeedback ? .reviewRejectionForceRequiredContract : .freshAuthenticatedMission
            fixture = try ScenarioFixture(scenario: scenario, target: .embedding(server), options: options)
        } catch {
            outcome.unexpected = "could not set up the control: \(error)"
            return outcome
        }
        do {
            try run(control, fixture: fixture, server: server)
        } catch let failure as ScenarioFailure {
            outcome.failure = failure
        } catch {
            outcome.unexpected = "\(error)"
        }
        // Ended after the control, before its outcome is handed over: a leftover fails the test that reads it.
        outcome.leftovers = fixture.endLeftovers()
        try? FileManager.default.removeItem(at: fixture.workspace.directory)
        server.stop()
        return outcome
    }

    private static func run(_ control: Lifecycle, fixture: ScenarioFixture, server: StandInServer) throws {
        switch control {
        case .rejectedBatch:
            let rejection = BatchFault.reject(category: "schema_validation", message: "Additional properties are not allowed ('actor' was unexpected)")
            try syncAfterCheckout(fixture, server: server, fault: (rejection, 50))
        case .serverError:
            try syncAfterCheckout(fixture, server: server, fault: (.serverError, 50))
        case .protocolUpgrade:
            let mismatch = BatchFault.protocolMismatch(errorCode: "sync_protocol_upgrade_required", description: "upgrade the CLI",
                                                       upgradeGuidance: "pip install -U spec-kitty-cli")
            try syncAfterCheckout(fixture, server: server, fault: (mismatch, 50))
        case .rollbackWithoutReviewFeedback:
            try ReviewRejectionForceRequiredFlow(omitReviewFeedback: true).run(fixture)
        }
    }

    /// Login, a checkout, a mission (events captured after opt-in), then `sync now` against a faulty server.
    ///
    /// Events captured before `sync opt-in` are sealed and never sent, so the
    /// mission is what gives `sync now` something to deliver.
    ///
    /// `fault` is queued for the account the fixture logged in as: faults are
    /// scoped to an account, so the control's own batches meet it and no one else's.
    private static func syncAfterCheckout(_ fixture: ScenarioFixture, server: StandInServer, fault: (BatchFault, count: Int)) throws {
        let account = try fixture.login()
        _ = try server.client().injectFault(fault.0, count: fault.count, account: account.userID)
        try fixture.prepareCheckout()
        _ = try fixture.run("agent mission create") { try fixture.driver.missionCreate("canary-control") }
        try fixture.requireSyncDelivers()
    }

    /// The lifecycle control's failure, asserted to be `mode`, and that it left nothing running.
    private func assertFails(with mode: FailureMode, _ control: Lifecycle, file: StaticString = #filePath, line: UInt = #line) -> ScenarioFailure? {
        let outcome = Self.lifecycles.outcome(of: control)
        XCTAssertNil(outcome.leftovers, "a control left processes running", file: file, line: line)
        if let unexpected = outcome.unexpected {
            XCTFail("expected \(mode.rawValue), got \(unexpected)", file: file, line: line)
            return nil
        }
        guard let failure = outcome.failure else {
            XCTFail("expected \(mode.rawValue), the steps passed", file: file, line: line)
            return nil
        }
        XCTAssertEqual(failure.mode, mode, failure.details, file: file, line: line)
        return failure
    }

    func testEventsTheServerRejectsAreSyncRejectedBySaaS() throws {
        let failure = assertFails(with: .syncRejectedBySaaS, .rejectedBatch)
        XCTAssertTrue(failure?.details.contains("rejected") ?? false, failure?.details ?? "")
    }

    func testAServerErrorFailsTheSyncStep() throws {
        let failure = assertFails(with: .cliCommandFailed, .serverError)
        XCTAssertNotNil(failure?.details.range(of: #"transient [1-9]"#, options: .regularExpression), failure?.details ?? "")
    }

    func testAProtocolUpgradeAnswerFailsTheSyncStep() throws {
        let failure = assertFails(with: .cliCommandFailed, .protocolUpgrade)
        XCTAssertTrue(failure?.details.contains("sync now exit 1") ?? false, failure?.details ?? "")
        XCTAssertNil(failure?.details.range(of: #"delivered [1-9]"#, options: .regularExpression), "nothing may count as delivered: \(failure?.details ?? "")")
        XCTAssertFalse(failure?.details.contains("(selected 0)") ?? true, "the control must have had events to send: \(failure?.details ?? "")")
    }

    func testARollbackWithoutReviewFeedbackIsTheRollbackRowMissingSignature() throws {
        let failure = assertFails(with: .queueRollbackRowMissing, .rollbackWithoutReviewFeedback)
        XCTAssertTrue(failure?.details.contains("from='for_review' to='in_review'") ?? false, failure?.details ?? "")
        XCTAssertTrue(failure?.details.contains("requires review feedback") ?? false, failure?.details ?? "")
    }

    func testAStepPastItsLimitIsKilledAsCliTimeout() throws {
        let fixture = try fixture(timeout: 0.5)
        let failure = assertFails(with: .cliTimeout) { try fixture.login() }
        XCTAssertTrue(failure?.details.contains("auth login --headless") ?? false, failure?.details ?? "")
        XCTAssertNil(fixture.endLeftovers(), "the timed-out CLI's process group must be gone")
    }

    func testAServerWithTerminalFailuresIsNotReady() throws {
        let client = server.client()
        let account = try client.createAccount()
        let tokens = try client.deviceLogin(account: account.userID)
        _ = try client.injectFault(.reject(category: "infrastructure", message: "drain worker crashed"), count: 1, account: account.userID)
        _ = try client.sendBatch([SampleEnvelope.wpStatusChanged(eventID: UUID().uuidString)], accessToken: tokens.accessToken)
        let fixture = try fixture()
        let failure = assertFails(with: .saasNotReady) { try fixture.requireReady("before") }
        XCTAssertTrue(failure?.details.contains("503") ?? false, failure?.details ?? "")
    }

    func testALoginTheServerNeverAnswersIsAuthLoginFailed() throws {
        // The admin API works; the CLI is sent to a port where nothing listens.
        let dead = URL(string: "http://127.0.0.1:9")!
        let fixture = try fixture(target: .standIn(admin: server.baseURL, adminSecret: server.adminSecret, cliURL: dead))
        _ = assertFails(with: .authLoginFailed) { try fixture.login() }
    }

    func testAForeignRowOnTheServerIsForeignRowsLeaked() throws {
        let seed = LegacyQueueRowMigrationFlow.Seed.make()
        let client = server.client()
        let account = try client.createAccount()
        let tokens = try client.deviceLogin(account: account.userID)
        _ = try client.sendBatch([SampleEnvelope.wpStatusChanged(eventID: seed.eventIDs[0])], accessToken: tokens.accessToken)
        let fixture = try fixture(.legacyQueueRowMigration)
        let failure = assertFails(with: .boundaryForeignRowsLeaked) { try LegacyQueueRowMigrationFlow.requireNoLeak(fixture, seed: seed) }
        XCTAssertTrue(failure?.details.contains(seed.eventIDs[0]) ?? false, failure?.details ?? "")
    }

    func testAnEventTheServerNeverGotIsNotMaterialized() throws {
        let fixture = try fixture()
        let account = try fixture.login()
        let mission = MissionContext(slug: "canary-never-synced", featureDirectory: fixture.workspace.checkout)
        let outcome = SyncNowOutcome(result: fixture.driver.results.last!, summary: SyncNowSummary.parse(""), report: nil)
        _ = assertFails(with: .saasNotMaterialized) {
            try FreshAuthenticatedMissionFlow.requireWitnessed(fixture, account: account, project: ProjectIdentity(uuid: UUID().uuidString),
                                                               mission: mission, lane: "done", outcome: outcome)
        }
    }
}
