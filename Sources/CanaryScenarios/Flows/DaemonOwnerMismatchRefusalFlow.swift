import CanaryCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Scenario 3: a daemon owner record that disagrees with the foreground is refused, and nothing leaks while it is.
public struct DaemonOwnerMismatchRefusalFlow: Sendable {
    /// The fields the scenario makes differ (canonical names; the foreground has an auth scope once logged in).
    public static let injectedFields: [DaemonOwnerRecord.Field] = [.packageVersion, .executablePath, .serverURL, .queueDBPath, .authScope]

    /// Creates the flow.
    public init() {}

    /// Runs the steps of `scenarios.md`; throws the first classified failure.
    public func run(_ fixture: ScenarioFixture) throws {
        let account = try fixture.login()
        try fixture.prepareCheckout()

        // 1. Something that could leak: a recorded WPStatusChanged.
        let mission = try fixture.createMission(label: "canary-owner-mismatch", markSubtaskDone: false)
        try fixture.move(mission, to: "claimed")

        // 2. Forge the owner record; the evidence names it before anything runs.
        let ownerURL = fixture.workspace.ownerRecordURL(for: fixture.driver.version)
        let forged = Self.forgedRecord(fixture: fixture)
        fixture.updateEvidence { evidence in
            evidence.daemonOwner.pid = forged.pid
            evidence.daemonOwner.version = forged.packageVersion
            evidence.daemonOwner.executablePath = forged.executablePath
            evidence.daemonOwner.source = forged.sourceCheckoutPath
            evidence.daemonOwner.serverURL = forged.serverURL
            evidence.daemonOwner.queueDBPath = forged.queueDBPath
            evidence.daemonOwner.injectedMismatch = true
            evidence.daemonOwner.mismatchFields = Self.injectedFields.map(\.rawValue)
        }
        try fixture.harness("forge the owner record") { try forged.write(to: ownerURL) }
        defer { _ = try? DaemonOwnerRecord.remove(at: ownerURL) }

        // 3. Status must refuse and name every injected field.
        let json = try fixture.statusCheck(json: true)
        let text = try fixture.statusCheck(json: false, record: false)
        let classification = Self.classification(json.report)
        fixture.updateEvidence { $0.daemonOwner.classification = classification }
        if let failure = Self.assessStatus(exitCode: json.result.exitCode, named: json.report.namedFields.union(text.report.namedFields),
                                           injected: Self.injectedFields.map(\.rawValue), classification: classification) {
            throw failure
        }

        // 4. While refused: sync now is refused, an ordinary command captures locally, nothing reaches the server.
        let before = try fixture.harness("read the witness") { try fixture.witness.map { try WitnessSnapshot.take($0, account: account.userID) } }
        let queueURL = URL(fileURLWithPath: json.report.activeQueue.path)
        let deliveredBefore = (try? QueueReader(url: queueURL).deliveryOutcomes()) ?? [:]
        let syncNow = try fixture.syncNow("refused-sync-report")
        let move = try fixture.run("move-task in_progress") {
            try fixture.driver.moveTask(MoveTaskRequest(mission.workPackage, to: "in_progress", mission: mission.slug)).result
        }
        let after = try fixture.harness("read the witness") { try fixture.witness.map { try WitnessSnapshot.take($0, account: account.userID) } }
        let deliveredAfter = (try? QueueReader(url: queueURL).deliveryOutcomes()) ?? [:]
        fixture.updateEvidence { $0.notes["refused_sync_now"] = syncNow.summary.refusal?.line ?? syncNow.result.tail(lines: 2) }

        if let before, let after, let failure = Self.assessWitness(before: before, after: after) { throw failure }
        let newlyDelivered = deliveredAfter.filter { deliveredBefore[$0.key] != $0.value && ["delivered", "duplicate", "success"].contains($0.value) }
        guard newlyDelivered.isEmpty else {
            throw ScenarioFailure(.boundaryDeliveredDuringRefusal, "the local store marked \(newlyDelivered.count) event(s) delivered while the boundary was refused: \(newlyDelivered.keys.sorted().prefix(3))")
        }
        if let failure = Self.assessRefusal(syncNow.result, refusal: syncNow.summary.refusal) { throw failure }
        try fixture.requireSuccess(move, step: "agent tasks move-task --to in_progress while refused (local capture)")
    }

    /// A live-looking forged record: this test process's pid, differing in every injected field.
    static func forgedRecord(fixture: ScenarioFixture) -> DaemonOwnerRecord {
        let base = DaemonOwnerRecord(
            pid: Int(getpid()), port: 9449, token: "canary-forged-token", packageVersion: fixture.cliVersion,
            executablePath: fixture.driver.binary.path, sourceCheckoutPath: fixture.workspace.checkout.path,
            serverURL: fixture.target.url.absoluteString, authPrincipal: fixture.account?.email, authTeam: fixture.account?.teamSlug,
            authScope: nil, queueDBPath: fixture.workspace.legacyQueueURL(for: fixture.driver.version).path,
            startedAt: Timestamp.iso8601(Date()))
        return base.forging(injectedFields)
    }

    /// "mismatch" when the CLI lists per-field mismatches, "orphan" when it classes the record as an orphan.
    static func classification(_ report: SyncStatusReport) -> String? {
        if report.mismatchCount > 0 { return "mismatch" }
        if report.orphanRecordCount > 0 || report.daemonOwnerRecord.status == "orphan" { return "orphan" }
        return nil
    }

    /// The status verdict: not 0, and every injected field named.
    public static func assessStatus(exitCode: Int32?, named: Set<String>, injected: [String], classification: String?) -> ScenarioFailure? {
        guard exitCode != 0 else {
            return ScenarioFailure(.boundaryRefusalMissing, "sync status --check exited 0 with a forged owner record differing in \(injected.joined(separator: ", ")); classification: \(classification ?? "none")")
        }
        let unnamed = injected.filter { !named.contains($0) }
        guard unnamed.isEmpty else {
            return ScenarioFailure(.boundaryFieldsUnnamed, "sync status --check did not name \(unnamed.joined(separator: ", ")) (named: \(named.sorted().joined(separator: ", ")); classification: \(classification ?? "none"))")
        }
        return nil
    }

    /// The sync-now verdict: exit 2 with a refusal naming the boundary.
    public static func assessRefusal(_ result: CommandResult, refusal: SyncBoundaryRefusal?) -> ScenarioFailure? {
        if result.timedOut { return ScenarioFailure.from(step: "sync now while refused", result) }
        guard result.exitCode == 2, refusal != nil else {
            return ScenarioFailure(.boundaryRefusalMissing, "sync now was not refused on the boundary (\(result.terminationDescription))\n\(result.tail(lines: 8))")
        }
        return nil
    }

    /// The witness verdict: no batch and no event from this account while refused.
    public static func assessWitness(before: WitnessSnapshot, after: WitnessSnapshot) -> ScenarioFailure? {
        let delta = after.since(before)
        guard delta.batchRequests == 0, delta.eventIDs.isEmpty else {
            return ScenarioFailure(.boundaryDeliveredDuringRefusal, "while the boundary was refused the server received \(delta.batchRequests) batch request(s) and \(delta.eventIDs.count) event(s) from this account: \(delta.eventIDs.sorted().prefix(3))")
        }
        return nil
    }
}
