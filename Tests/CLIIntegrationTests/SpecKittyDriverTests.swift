import CanaryCore
import CanaryTestSupport
import Foundation
import XCTest

/// Drives the real CLI through a whole logged-out lifecycle: no server needed,
/// because 3.2.7 captures events locally before any login.
///
/// Takes two to three minutes: 3.2.7's `mission create` and `setup-plan` each
/// wait about 20 s on their own project-store lock. Skipped when no CLI is
/// installed (`SPEC_KITTY_BIN` unset and the pinned venv not bootstrapped;
/// `.ci/run` bootstraps it first) or when `CANARY_SKIP_REAL_CLI=1`.
final class SpecKittyDriverTests: XCTestCase {
    private static let repoRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private var root: TemporaryDirectory!
    private var runner: ProcessRunner!
    private var driver: SpecKittyDriver!

    override func setUpWithError() throws {
        TestHeartbeat.install(self)
        let binary = try Self.installedBinary()
        root = try TemporaryDirectory("driver")
        runner = ProcessRunner(logSink: DirectoryCommandLog(directory: root.url.appendingPathComponent("commands")))
        let workspace = try Workspace.create(root: root.url, name: "lifecycle")
        let environment = SpecKittyEnvironment(
            // A closed loopback port: the CLI may try to reach it, and nothing answers.
            home: workspace.home, serverURL: "http://127.0.0.1:9",
            cliBinDirectory: binary.deletingLastPathComponent()
        )
        let version = try SpecKittyLocator.shared.version(of: binary, runner: runner, environment: environment.processEnvironment)
        driver = SpecKittyDriver(
            binary: binary, workspace: workspace, environment: environment.processEnvironment,
            runner: runner, version: try? SpecKittyVersion(version), defaultTimeout: 120
        )
        try XCTSkipUnless(driver.version?.hasProjectStore ?? false, "this test follows the 3.2.6+ project store")
        try workspace.writeConfig(.manualDaemon, for: driver.version)
    }

    override func tearDown() {
        if let driver {
            XCTAssertEqual(driver.stopDaemons(), [], "a manual-daemon workspace started a daemon")
            XCTAssertEqual(runner.liveChildren(), [])
            runner.terminateAll()
        }
        root?.remove()
        super.tearDown()
    }

    func testLoggedOutLifecycleEndsInACapturedForcedRollback() throws {
        let identity = try driver.prepareCheckout()
        let store = driver.workspace.projectStoreURL(projectUUID: identity.uuid, for: driver.version)
        XCTAssertTrue(FileManager.default.fileExists(atPath: store.path), "opt-in creates the project store")

        let mission = try driver.missionCreate("canary-driver")
        XCTAssertTrue(mission.slug.hasPrefix("canary-driver"))
        try driver.seedMissionArtifacts(in: mission.featureDirectory)
        let plan = try driver.setupPlan(mission: mission.slug)
        XCTAssertEqual(plan.string("result"), "success", plan.result.tail())
        try driver.commitAll(message: "setup-plan")
        let finalize = try driver.finalizeTasks(mission: mission.slug)
        XCTAssertEqual(finalize.string("result"), "success", finalize.result.tail())
        try driver.commitAll(message: "finalize-tasks")
        XCTAssertEqual(try driver.markStatus("T001", mission: mission.slug).result.exitCode, 0)

        for lane in ["claimed", "in_progress", "for_review", "in_review"] {
            let move = try driver.moveTask(MoveTaskRequest("WP01", to: lane, mission: mission.slug))
            XCTAssertEqual(move.result.exitCode, 0, "\(lane): \(move.result.tail())")
        }
        let note = "canary scenario 4: review-rejection force-required contract"
        let refused = try driver.moveTask(MoveTaskRequest("WP01", to: "planned", mission: mission.slug, note: note))
        XCTAssertEqual(refused.result.exitCode, 1, "rollback without feedback must be refused")
        XCTAssertTrue(refused.string("error")?.contains("requires review feedback") ?? false, refused.result.tail())

        let feedback = driver.workspace.directory.appendingPathComponent("review-feedback.md")
        try Data("**Issue**: rejected by the canary\n".utf8).write(to: feedback)
        let rollback = try driver.moveTask(MoveTaskRequest("WP01", to: "planned", mission: mission.slug,
                                                          reviewFeedbackFile: feedback, note: note))
        XCTAssertEqual(rollback.result.exitCode, 0, rollback.result.tail())

        let latest = try XCTUnwrap(QueueReader(url: store).latestStatusChange(wpID: "WP01"))
        XCTAssertTrue(latest.isForcedRollbackFromReview, "\(latest)")
        XCTAssertTrue(latest.reason?.contains(note) ?? false)
        XCTAssertEqual(latest.causationID, rollback.string("event_id"))

        let status = try driver.syncStatusCheck(json: true)
        let report = try SyncStatusReport.parse(status.stdout)
        XCTAssertEqual(status.exitCode, 2, "logged out with sync enabled is incoherent")
        XCTAssertEqual(report.exitCode, 2)
        XCTAssertEqual(report.activeQueue.path, store.path)
        XCTAssertEqual(report.activeQueue.eventCount, try QueueReader(url: store).counts().events)
    }

    func testForgedOwnerRecordIsAnOrphanThatRefusesSyncNow() throws {
        try driver.prepareCheckout()
        let ownerURL = driver.workspace.ownerRecordURL(for: driver.version)
        let forged = DaemonOwnerRecord(
            pid: 999_999_999, port: 9449, token: "forged", packageVersion: "3.2.7", executablePath: "/usr/bin/python3",
            sourceCheckoutPath: "/nonexistent", serverURL: "http://127.0.0.1:9", authPrincipal: nil, authTeam: nil,
            authScope: nil, queueDBPath: "/nonexistent/queue.db", startedAt: "2026-01-01T00:00:00+00:00"
        ).forging(DaemonOwnerRecord.Field.compared)
        try forged.write(to: ownerURL)
        defer { _ = try? DaemonOwnerRecord.remove(at: ownerURL) }

        let text = try SyncStatusReport.parse(driver.syncStatusCheck(json: false).stdout)
        XCTAssertEqual(text.daemonOwnerRecord.status, "orphan")
        XCTAssertEqual(text.orphanRecordCount, 1)
        XCTAssertTrue(text.namedFields.isSuperset(of: ["package_version", "executable_path", "server_url", "queue_db_path"]),
                      "\(text.namedFields)")

        let now = try driver.syncNow(report: driver.workspace.directory.appendingPathComponent("sync-report.json"))
        XCTAssertEqual(now.result.exitCode, 2)
        XCTAssertEqual(now.summary.refusal?.orphanRecordCount, 1)
        XCTAssertNil(now.report, "a refused sync now writes no report")

        XCTAssertTrue(try DaemonOwnerRecord.remove(at: ownerURL))
        let commands = driver.results.map { $0.argv.dropFirst().prefix(2).joined(separator: " ") }
        XCTAssertEqual(commands.first, "init -q", "git init comes first")
        XCTAssertEqual(commands.suffix(2), ["sync status", "sync now"], "every call is recorded, in order")
    }

    /// The CLI under test, or a skip when none is installed.
    private static func installedBinary() throws -> URL {
        let environment = ProcessInfo.processInfo.environment
        try XCTSkipIf(environment["CANARY_SKIP_REAL_CLI"] == "1", "CANARY_SKIP_REAL_CLI=1")
        let pinned = repoRoot.appendingPathComponent(".venv-spec-kitty/3.2.7/.canary-installed")
        let available = environment["SPEC_KITTY_BIN"] != nil
            || environment["SPEC_KITTY_VERSION"] != nil
            || FileManager.default.fileExists(atPath: pinned.path)
        try XCTSkipUnless(available, "no spec-kitty installed: run scripts/bootstrap-spec-kitty.sh or set SPEC_KITTY_BIN")
        return try SpecKittyLocator.shared.binary(repoRoot: repoRoot)
    }
}
