import CanaryCore
import CanaryScenarios
import CanaryTestSupport
import Foundation
import SaaSStandIn
import XCTest

/// The Teamspace MVP suite: a synced real-CLI lifecycle materializes on the server as a
/// mission whose work packages stand in the lanes the CLI itself reports.
///
/// On the suite's own strict stand-in the same lifecycle also proves strict consumer
/// mode: nothing the pinned CLI sends is refused (`StrictConsumerReview`).
///
/// The counterpart of the deployed-dev Teamspace suites, run by the release gate four
/// times in a row (`swift test --filter TeamspaceMVP`). It checks the CLI, not the
/// stand-in: the stand-in only projects what arrived, and every difference from the
/// CLI's own report — a missing transition, a wrong lane, an event the Teamspace could
/// not use — fails with the event it concerns named.
///
/// Target: resolved as the scenarios resolve theirs (`ServerTarget`): the stand-in named by
/// `CANARY_STANDIN_URL` (the gate's or the protocol script's), else an in-process one with
/// the strict profile; a real server named only by `SPEC_KITTY_SAAS_URL` is refused, since
/// its Teamspace cannot be read here. CLI: `SPEC_KITTY_BIN`, else the pinned one from `scripts/bootstrap-spec-kitty.sh`.
/// Every call runs with its own HOME and SPEC_KITTY_HOME, stdin from /dev/null and no
/// background daemon. The scenario directory is kept when the test fails.
final class SyncedLifecycleTests: XCTestCase {
    /// How long the Teamspace may take to show what `sync now` delivered.
    static let materializationWindow: TimeInterval = 60

    private static let repoRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    override func setUp() {
        super.setUp()
        TestHeartbeat.install(self)
    }

    func testSyncedLifecycleMaterializesOnTheTeamspaceAsTheCLIReportsIt() throws {
        let started = Date()
        let target = try ServerTarget.resolve(environment: ProcessInfo.processInfo.environment)
        addTeardownBlock { target.stop() }
        guard let admin = target.standIn else { throw TeamspaceMVPError.noTeamspaceReader(serverURL: target.url.absoluteString) }
        let readiness = try admin.readiness()
        guard readiness.httpStatus == 200 else { throw TeamspaceMVPError.targetNotReady(url: target.url.absoluteString, status: readiness.httpStatus) }
        log("target: \(target.kind.rawValue) \(target.url.absoluteString) (profile \(target.profile ?? "unknown"))")

        let binary = try SpecKittyLocator.shared.binary(repoRoot: Self.repoRoot)
        let workspace = try Workspace.create(root: Self.workRoot(), name: "teamspace-mvp-\(Self.shortID())")
        let runner = ProcessRunner(logSink: DirectoryCommandLog(directory: workspace.directory.appendingPathComponent("commands")))
        let environment = SpecKittyEnvironment(home: workspace.home, serverURL: target.url.absoluteString,
                                               cliBinDirectory: binary.deletingLastPathComponent())
        let version = try SpecKittyLocator.shared.version(of: binary, runner: runner, environment: environment.processEnvironment)
        let driver = SpecKittyDriver(binary: binary, workspace: workspace, environment: environment.processEnvironment,
                                     runner: runner, version: try? SpecKittyVersion(version), defaultTimeout: 240)
        addTeardownBlock { [unowned self] in self.cleanUp(driver: driver, runner: runner, workspace: workspace) }
        // No daemon: capture still works, and nothing outlives the test. CLIs before 3.2.6 also
        // need the server here, because they ignore the environment variable for sync.
        let readsConfig = driver.version?.readsServerURLFromConfig ?? false
        try workspace.writeConfig(SpecKittyConfig(backgroundDaemon: "manual", serverURL: readsConfig ? target.url.absoluteString : nil),
                                  for: driver.version)
        log("spec-kitty-cli \(version) at \(binary.path); scenario \(workspace.directory.path)")

        let account = try admin.createAccount(email: "teamspace-mvp-\(Self.shortID())@standin.invalid", name: "Teamspace MVP")
        let lifecycle = TeamspaceLifecycle(driver: driver, progress: { [unowned self] in self.log($0) })
        try lifecycle.logIn(as: account, admin: admin)
        let report = try lifecycle.run()
        log("the CLI reports \(report.missionSlug): " + report.lanes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))

        let sync = try driver.syncNow(report: workspace.directory.appendingPathComponent("sync-report.json"))
        log("sync now: \(sync.result.terminationDescription); " + (sync.result.stdout.split(separator: "\n").first.map(String.init) ?? ""))
        if !sync.result.succeeded || sync.summary.eventSync?.nothingRefused == false {
            XCTFail("sync now did not deliver everything (\(sync.result.terminationDescription)): \(sync.result.tail(lines: 10))")
        }

        let (verdict, teamspace, waited) = try awaitMaterialization(of: report, account: account.userID, admin: admin)
        try saveEvidence(teamspace, verdict, in: workspace)
        verdict.notes.forEach { log("note: \($0)") }
        log(String(format: "%@ after %.1f s of polling; lifecycle %.0f s in all",
                   verdict.materialized ? "materialized" : "NOT materialized", waited, Date().timeIntervalSince(started)))
        for failure in verdict.failures {
            XCTFail("saas.not_materialized: \(failure)")
        }
        try reviewStrictConsumer(target: target, admin: admin, account: account.userID, sync: sync, binary: binary)
    }

    /// On the suite's own strict stand-in (the default target: deployed profile plus payload
    /// validation), the same lifecycle also shows that a strict consumer refuses nothing the
    /// pinned CLI sends. One lifecycle serves both verdicts: each costs about 90 CPU-seconds.
    /// Another target (the gate's stand-in, a different CLI) is not judged here, since its
    /// validator and the CLI's events library need not match.
    private func reviewStrictConsumer(target: ServerTarget, admin: StandInClient, account: String, sync: SyncNowOutcome, binary: URL) throws {
        guard let configuration = target.embeddedConfiguration, configuration.payloadValidation != nil else {
            log("strict consumer review: not on this target (\(target.kind.rawValue), profile \(target.profile ?? "unknown"))")
            return
        }
        guard let report = sync.report else { return XCTFail("strict: sync now wrote no report: \(sync.result.tail(lines: 10))") }
        let review = StrictConsumerReview(
            counts: report.counts, envelopes: try admin.envelopes(account: account),
            receiptStatuses: try admin.receipts(account: account).map(\.status),
            batchStatuses: try admin.batchStatuses(account: account),
            newEventStatus: configuration.profile.newEventStatus,
            validatorEventsVersion: try admin.health()["spec_kitty_events"]?.stringValue,
            cliEventsVersion: SpecKittyLocator.eventsVersion(besides: binary))
        for failure in review.failures {
            XCTFail("strict: \(failure)")
        }
        log("strict consumer review: \(review.failures.isEmpty ? "nothing refused" : "\(review.failures.count) failures") over \(report.counts.selected) events")
    }

    // MARK: Steps

    /// Polls the account's Teamspace until it shows what the CLI reports, or the window closes.
    private func awaitMaterialization(of report: CLIMissionReport, account: String, admin: StandInClient) throws
        -> (TeamspaceVerdict, StandInTeamspace, TimeInterval) {
        let start = Date()
        while true {
            let teamspace = try admin.teamspace(account: account)
            let verdict = TeamspaceComparison.compare(report, with: teamspace)
            let waited = Date().timeIntervalSince(start)
            if verdict.materialized || waited >= Self.materializationWindow { return (verdict, teamspace, waited) }
            Thread.sleep(forTimeInterval: 1)
        }
    }

    private func saveEvidence(_ teamspace: StandInTeamspace, _ verdict: TeamspaceVerdict, in workspace: Workspace) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(teamspace).write(to: workspace.directory.appendingPathComponent("teamspace.json"))
        let lines = verdict.failures.map { "FAIL \($0)" } + verdict.notes.map { "NOTE \($0)" }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: workspace.directory.appendingPathComponent("verdict.txt"))
    }

    /// Ends what the test started, by pid and process group only; keeps the directory of a failed run.
    private func cleanUp(driver: SpecKittyDriver, runner: ProcessRunner, workspace: Workspace) {
        XCTAssertEqual(driver.stopDaemons(), [], "a manual-daemon home started a sync daemon")
        XCTAssertEqual(runner.liveChildren(), [], "a CLI call left processes behind")
        runner.terminateAll()
        // `hasSucceeded` is only true once the run has stopped, after teardown: count failures instead.
        if let run = testRun, run.totalFailureCount == 0 {
            try? FileManager.default.removeItem(at: workspace.directory)
        } else {
            log("kept \(workspace.directory.path) (commands/, teamspace.json, verdict.txt)")
        }
    }

    // MARK: Support

    /// `CANARY_WORK_ROOT`, else `$TMPDIR/spec-kitty-canary`: where the protocol script looks for stray homes.
    private static func workRoot() -> URL {
        let environment = ProcessInfo.processInfo.environment
        if let root = environment["CANARY_WORK_ROOT"], !root.isEmpty { return URL(fileURLWithPath: root, isDirectory: true) }
        return FileManager.default.temporaryDirectory.appendingPathComponent("spec-kitty-canary", isDirectory: true)
    }

    private static func shortID() -> String {
        String(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(10))
    }

    private func log(_ line: String) {
        FileHandle.standardOutput.write(Data("teamspace: \(line)\n".utf8))
    }
}
