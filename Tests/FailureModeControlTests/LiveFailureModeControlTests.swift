import CanaryCore
import CanaryTestSupport
import CanaryScenarios
import Foundation
import SaaSStandIn
import XCTest

/// Negative controls against the real CLI: a fault is caused for real and the harness must name it.
///
/// Each test (or lifecycle shared by controls) starts its own stand-in, so
/// injected faults touch no other test; it runs the scenario steps through the
/// same fixture and flows the canary uses, and asserts the failure mode the
/// harness assigns. None of these classes is a scenario test: the run document
/// never sees them.
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

    /// The controls that need a CLI lifecycle (about 50 s each, mostly the CLI waiting on its own
    /// store lock). The server-answer controls share one: after login, a checkout and a mission,
    /// each `sync now` meets the next fault in `SyncFault.allCases` (the events it failed to send
    /// are still queued for the next). The first test that asks runs both lifecycles side by side,
    /// each on its own stand-in, and each test asserts on its own.
    enum Lifecycle: CaseIterable, Sendable {
        case syncFaults, rollbackWithoutReviewFeedback
    }

    /// The server answers the shared lifecycle meets, one `sync now` each, in this order. The
    /// server error comes last: after a transient 500 the pinned CLI's next `sync now` selected no
    /// event at all (measured on 3.2.7), so nothing after it would meet its fault.
    enum SyncFault: CaseIterable, Sendable {
        case protocolUpgrade, rejectedBatch, serverError

        /// The fault queued for the account before its `sync now`.
        var fault: BatchFault {
            switch self {
            case .serverError:
                return .serverError
            case .protocolUpgrade:
                return .protocolMismatch(errorCode: "sync_protocol_upgrade_required", description: "upgrade the CLI",
                                         upgradeGuidance: "pip install -U spec-kitty-cli")
            case .rejectedBatch:
                return .reject(category: "schema_validation", message: "Additional properties are not allowed ('actor' was unexpected)")
            }
        }

        /// The HTTP status the stand-in answers each batch with while the fault lasts.
        var status: Int {
            switch self {
            case .serverError: return 500
            case .protocolUpgrade: return 412
            case .rejectedBatch: return 200
            }
        }
    }

    /// What one control came to: the failure the harness named, or what went wrong instead.
    struct ControlOutcome: Sendable {
        var failure: ScenarioFailure?
        var unexpected: String?
        /// The statuses the stand-in answered this control's batch requests with (sync-fault controls).
        var batchStatuses: [Int] = []
    }

    /// What a lifecycle came to: why it stopped before its controls ran, else each control's outcome; and what it left running.
    struct LifecycleOutcome: Sendable {
        /// The set-up or step before the first control that failed (the stand-in, the fixture, login, checkout, mission).
        var unrunnable: String?
        var syncFaults: [SyncFault: ControlOutcome] = [:]
        var rollback: ControlOutcome?
        var leftovers: String?
    }

    private static let lifecycles = SideBySideOutcomes<Lifecycle, LifecycleOutcome> { lifecycle in
        var outcome = LifecycleOutcome()
        let server: StandInServer
        do {
            server = try StandInServer(configuration: StandInConfiguration(profile: .instant))
        } catch {
            outcome.unrunnable = "could not set up the control: \(error)"
            return outcome
        }
        // Last, after the fixture's leftovers are ended; also when the set-up below fails.
        defer { server.stop() }
        let fixture: ScenarioFixture
        do {
            try server.start()
            var options = ScenarioFixture.Options.fromEnvironment()
            options.recordsRunMetadata = false
            let scenario: ScenarioID = lifecycle == .rollbackWithoutReviewFeedback ? .reviewRejectionForceRequiredContract : .freshAuthenticatedMission
            fixture = try ScenarioFixture(scenario: scenario, target: .embedding(server), options: options)
        } catch {
            outcome.unrunnable = "could not set up the control: \(error)"
            return outcome
        }
        switch lifecycle {
        case .syncFaults:
            do {
                outcome.syncFaults = try syncThroughEachFault(fixture, server: server)
            } catch {
                outcome.unrunnable = "the lifecycle before the first sync failed: \(error)"
            }
        case .rollbackWithoutReviewFeedback:
            outcome.rollback = control { try ReviewRejectionForceRequiredFlow(omitReviewFeedback: true).run(fixture) }
        }
        // Ended after the controls, before their outcomes are handed over: a leftover fails every test that reads one.
        outcome.leftovers = fixture.endLeftovers()
        try? FileManager.default.removeItem(at: fixture.workspace.directory)
        return outcome
    }

    /// The failure `body` throws, or what went wrong instead.
    private static func control(_ body: () throws -> Void) -> ControlOutcome {
        do {
            try body()
            return ControlOutcome()
        } catch let failure as ScenarioFailure {
            return ControlOutcome(failure: failure)
        } catch {
            return ControlOutcome(unexpected: "\(error)")
        }
    }

    /// Login, a checkout, a mission (events captured after opt-in), then one `sync now` per fault.
    ///
    /// Events captured before `sync opt-in` are sealed and never sent, so the
    /// mission is what gives `sync now` something to deliver.
    ///
    /// Each fault is queued for the account the fixture logged in as (faults
    /// are scoped to an account) after the previous one is dropped, and the
    /// stand-in's request log says which batches met it: a control passes only
    /// on its own fault's answers.
    private static func syncThroughEachFault(_ fixture: ScenarioFixture, server: StandInServer) throws -> [SyncFault: ControlOutcome] {
        let admin = server.client()
        let account = try fixture.login()
        try fixture.prepareCheckout()
        _ = try fixture.run("agent mission create") { try fixture.driver.missionCreate("canary-control") }
        var outcomes: [SyncFault: ControlOutcome] = [:]
        for syncFault in SyncFault.allCases {
            do {
                try admin.resetFaults()
                _ = try admin.injectFault(syncFault.fault, count: 50, account: account.userID)
                let before = try admin.batchStatuses(account: account.userID).count
                var outcome = control { _ = try fixture.requireSyncDelivers() }
                outcome.batchStatuses = Array(try admin.batchStatuses(account: account.userID).dropFirst(before))
                outcomes[syncFault] = outcome
            } catch {
                outcomes[syncFault] = ControlOutcome(unexpected: "could not read the stand-in around the \(syncFault) sync: \(error)")
            }
        }
        return outcomes
    }

    /// The control's failure, asserted to be `mode`: its lifecycle ran and left nothing running, and
    /// (a sync fault) every batch of its `sync now` met its fault.
    private func assertFails(with mode: FailureMode, _ control: ControlOutcome?, of lifecycle: LifecycleOutcome, met fault: SyncFault? = nil,
                             file: StaticString = #filePath, line: UInt = #line) -> ScenarioFailure? {
        XCTAssertNil(lifecycle.leftovers, "a control left processes running", file: file, line: line)
        guard let control else {
            XCTFail("expected \(mode.rawValue), got \(lifecycle.unrunnable ?? "no outcome")", file: file, line: line)
            return nil
        }
        if let unexpected = control.unexpected {
            XCTFail("expected \(mode.rawValue), got \(unexpected)", file: file, line: line)
            return nil
        }
        if let fault {
            XCTAssertFalse(control.batchStatuses.isEmpty, "the \(fault) control's sync now sent no batch", file: file, line: line)
            XCTAssertEqual(Set(control.batchStatuses), [fault.status], "every batch of the \(fault) control met its fault", file: file, line: line)
        }
        guard let failure = control.failure else {
            XCTFail("expected \(mode.rawValue), the steps passed", file: file, line: line)
            return nil
        }
        XCTAssertEqual(failure.mode, mode, failure.details, file: file, line: line)
        return failure
    }

    private func assertFails(with mode: FailureMode, _ fault: SyncFault, file: StaticString = #filePath, line: UInt = #line) -> ScenarioFailure? {
        let lifecycle = Self.lifecycles.outcome(of: .syncFaults)
        return assertFails(with: mode, lifecycle.syncFaults[fault], of: lifecycle, met: fault, file: file, line: line)
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
        let lifecycle = Self.lifecycles.outcome(of: .rollbackWithoutReviewFeedback)
        let failure = assertFails(with: .queueRollbackRowMissing, lifecycle.rollback, of: lifecycle)
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
