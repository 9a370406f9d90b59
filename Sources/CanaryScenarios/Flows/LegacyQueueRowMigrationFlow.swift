import CanaryCore
import Foundation
import SaaSStandIn

/// Scenario 2: events recorded under a different identity are never sent under the current one.
///
/// Two arms, one verdict. Arm A plants a foreign identity's rows in the legacy
/// queue and follows the CLI through login, migration and `sync now`. Arm B
/// (3.2.6+ on a stand-in) changes the identity between recording and `sync now`
/// in every way the CLI allows (`IdentitySwitchFlow`). The arms run side by side,
/// each in a home and checkout of its own; the servers' send witnesses are the
/// proof, and "sent" means sent: a refused batch crossed the boundary too.
public struct LegacyQueueRowMigrationFlow: Sendable {
    /// What arm A plants in the legacy queue, all stamped with a foreign identity.
    public struct Seed: Equatable, Sendable {
        /// `canary-legacy-<uuid>` event ids of a foreign project's rows: the markers live in the ids only.
        public var eventIDs: [String]
        /// Event ids of rows stamped with the foreign identity but this checkout's own project (3.2.6+).
        public var ownProjectEventIDs: [String] = []
        /// Event ids of a foreign login's scoped queue file (up to 3.2.5).
        public var scopedQueueEventIDs: [String] = []
        /// The body upload's content, and its hash (the sha256 of that body).
        public var body: String
        /// The foreign project the rows claim.
        public var foreignProject: String

        /// A fresh seed with unique ids.
        public static func make() -> Seed {
            Seed(eventIDs: (0 ..< 2).map { _ in "canary-legacy-\(UUID().uuidString.lowercased())" },
                 body: "canary legacy body \(UUID().uuidString)", foreignProject: UUID().uuidString.lowercased())
        }

        /// The content hash of the body upload.
        public var contentHash: String { SHA256.hex(of: body) }

        /// Every seeded event id.
        public var allEventIDs: [String] { eventIDs + ownProjectEventIDs + scopedQueueEventIDs }
    }

    /// The switches arm B makes (empty: arm A alone); arm B needs the 3.2.6+ journal and a stand-in's witness.
    public var identitySwitches: [IdentitySwitch]

    /// Creates the flow with every identity switch.
    public init(identitySwitches: [IdentitySwitch] = IdentitySwitch.allCases) {
        self.identitySwitches = identitySwitches
    }

    /// Runs both arms side by side; throws one classified failure naming everything either arm found.
    public func run(_ fixture: ScenarioFixture) throws {
        let switches = fixture.needsOptIn && fixture.target.standIn != nil ? identitySwitches : []
        if switches.isEmpty {
            fixture.updateEvidence { $0.notes["arm_b"] = "not driven: the identity switches need the 3.2.6+ journal and a stand-in (spec-kitty-cli \(fixture.cliVersion), target \(fixture.target.kind.rawValue))" }
        }
        let secondServer = SecondServer()
        defer { secondServer.stop() }
        let armA = Locked<ScenarioFailure?>(nil)
        let armB = Locked<[IdentitySwitchOutcome]>([])
        SideBySide.run(1 + switches.count) { index in
            if index == 0 {
                do {
                    try runLegacyRows(fixture)
                } catch let failure as ScenarioFailure {
                    armA.withLock { $0 = failure }
                } catch {
                    armA.withLock { $0 = ScenarioFailure(.harnessError, "arm A: \(error)") }
                }
            } else {
                let outcome = IdentitySwitchFlow(switches[index - 1]).run(fixture, secondServer: secondServer.target)
                armB.withLock { $0.append(outcome) }
            }
        }
        let outcomes = armB.current.sorted { $0.change.rawValue < $1.change.rawValue }
        for outcome in outcomes {
            fixture.updateEvidence { $0.notes["arm_b_\(outcome.change.rawValue)"] = outcome.summary }
        }
        if let verdict = Self.verdict(armA: armA.current, armB: outcomes) { throw verdict }
    }

    /// One failure for the whole scenario: the most specific mode either arm found, with every finding in the details.
    public static func verdict(armA: ScenarioFailure?, armB: [IdentitySwitchOutcome]) -> ScenarioFailure? {
        let failedB = armB.filter { !$0.held }
        guard armA != nil || !failedB.isEmpty else { return nil }
        let modes = [armA?.mode].compactMap { $0 } + failedB.compactMap(\.mode)
        let order: [FailureMode] = [.boundaryForeignRowsLeaked, .boundaryCredentialCrossed]
        let mode = order.first(where: modes.contains) ?? modes.first ?? .harnessError
        var lines: [String] = []
        if let armA { lines.append("arm A (legacy rows): \(armA.mode.rawValue): \(armA.details)") }
        lines += failedB.map(\.summary)
        let held = armB.filter(\.held).map(\.label)
        if !held.isEmpty { lines.append("held: \(held.joined(separator: ", "))") }
        return ScenarioFailure(mode, lines.joined(separator: "\n"))
    }

    // MARK: Arm A

    /// Arm A: a foreign identity's legacy rows, followed through login, migration and `sync now`.
    ///
    /// The leak can happen at any logged-in command (3.2.0 sends the legacy queue during
    /// `init`), so the witness is read at the end whatever step failed, and a leak outranks
    /// the step's own failure.
    func runLegacyRows(_ fixture: ScenarioFixture) throws {
        let seed = Locked(Seed.make())
        var stepFailure: ScenarioFailure?
        do {
            try legacyRowSteps(fixture, seed: seed)
        } catch let failure as ScenarioFailure {
            stepFailure = failure
        }
        try Self.requireNoLeak(fixture, seed: seed.current)
        if let stepFailure { throw stepFailure }
    }

    private func legacyRowSteps(_ fixture: ScenarioFixture, seed: Locked<Seed>) throws {
        // 1. Before login: a foreign identity's rows of a foreign project in the 3.2.0 legacy layout.
        let planted = seed.current
        let legacy = fixture.workspace.legacyQueueURL(for: fixture.driver.version)
        try plant(fixture, planted.eventIDs, project: planted.foreignProject, body: planted.body, at: legacy)
        fixture.updateEvidence { evidence in
            evidence.notes["seeded_event_ids"] = planted.eventIDs.joined(separator: ",")
            evidence.notes["seeded_content_hash"] = planted.contentHash
            evidence.notes["seeded_legacy_queue"] = legacy.path
        }
        if !fixture.needsOptIn {
            // Up to 3.2.5 each login had a queue of its own: a foreign login's scoped queue
            // is the per-login separation of that era, and must stay where it is.
            let scoped = (0 ..< 2).map { _ in "canary-legacy-\(UUID().uuidString.lowercased())" }
            let digest = String(SHA256.hex(of: "foreign-user@foreign.invalid|foreign-team|\(planted.foreignProject)").prefix(16))
            let url = fixture.workspace.scopedQueueURL(digest: digest, for: fixture.driver.version)
            seed.withLock { $0.scopedQueueEventIDs = scoped }
            try plant(fixture, scoped, project: planted.foreignProject, body: nil, at: url)
            fixture.updateEvidence { evidence in
                evidence.notes["seeded_scoped_queue"] = url.path
                evidence.notes["seeded_scoped_queue_event_ids"] = scoped.joined(separator: ",")
            }
        }

        // 2. Log in as this scenario's account and set up. 3.2.7 refuses opt-in while
        //    a legacy queue awaits migration; its own remedy is project-store-migrate.
        let account = try fixture.login()
        let project = try fixture.prepareCheckout(optIn: false)
        if fixture.needsOptIn {
            // 3.2.6+ partitions legacy rows by project uuid alone: rows of the foreign
            // identity stamped with this checkout's project are the ones it would adopt.
            let own = (0 ..< 2).map { _ in "canary-legacy-\(UUID().uuidString.lowercased())" }
            seed.withLock { $0.ownProjectEventIDs = own }
            try plant(fixture, own, project: project.uuid, body: nil, at: legacy)
            fixture.updateEvidence { $0.notes["seeded_own_project_event_ids"] = own.joined(separator: ",") }
            let pendingMigration = try consent(fixture, legacy: legacy, project: project)
            let adopted = try projectStorePreview(fixture, legacy: legacy, project: project, migrationID: pendingMigration)
            if let pendingMigration { try migrate(fixture, legacy: legacy, migrationID: pendingMigration) }
            // Rows of another project put into this one are the foreign project's, adopted.
            if let adopted, adopted > own.count {
                throw ScenarioFailure(.boundaryForeignRowsLeaked, "sync project-store-preview puts \(adopted - own.count) row(s) of the foreign project \(planted.foreignProject) into this identity's project \(project.uuid)")
            }
        } else {
            // Before 3.2.6 there is no consent and no project store to migrate
            // into: the legacy queue is the CLI's own queue, and the witness
            // alone shows whether its foreign rows leave the machine.
            fixture.updateEvidence { $0.notes["project_store"] = "none before 3.2.6: consent, preview and migration skipped" }
        }

        let mission = try fixture.createMission(label: "canary-legacy-migration", markSubtaskDone: false)
        try fixture.move(mission, to: "claimed")
        let status = try fixture.statusCheck(json: true)
        let outcome = try fixture.syncNow()

        // 3a. A refusal over legacy rows is recorded, not passed (the witness is read after this, in any case).
        if outcome.result.exitCode == 2 || outcome.summary.refusal != nil {
            let line = outcome.summary.refusal?.line ?? outcome.result.tail(lines: 3)
            throw ScenarioFailure(.cliCommandFailed, "sync now refused with foreign legacy rows present (rows in scope \(status.report.legacyQueue.rowsInScope.map(String.init) ?? "?")): \(line); own events were not delivered")
        }
        // 3b. The scenario's own events were delivered.
        let delivered = try fixture.requireSyncOutcome(outcome)
        try FreshAuthenticatedMissionFlow.requireWitnessed(fixture, account: account, project: project, mission: mission,
                                                          lane: "claimed", outcome: delivered)
    }

    /// Appends foreign-identity `WPStatusChanged` rows (and a body upload when `body` is given) to the legacy queue.
    private func plant(_ fixture: ScenarioFixture, _ eventIDs: [String], project: String, body: String?, at legacy: URL) throws {
        try fixture.harness("seed the legacy queue") {
            let events = eventIDs.enumerated().map { index, eventID in
                LegacyQueueEvent.wpStatusChanged(
                    eventID: eventID, wpID: "WP-CANARY-LEGACY-\(index)", projectUUID: project,
                    projectSlug: "foreign-project", teamSlug: "foreign-team", actor: "foreign-user@foreign.invalid")
            }
            let uploads = body.map { [LegacyBodyUpload(projectUUID: project, missionSlug: "foreign-mission", contentBody: $0, createdAt: Date())] } ?? []
            try LegacyQueueSeeder.seed(at: legacy, events: events, bodyUploads: uploads)
        }
    }

    /// Searches every send the stand-in witnessed (accepted or refused, any account) for a seeded event id.
    ///
    /// A foreign body upload carries no identity in the CLI's schema: it is reported
    /// in the evidence as an unattributed row of another project, not as a leak.
    public static func requireNoLeak(_ fixture: ScenarioFixture, seed: Seed) throws {
        guard let client = fixture.witness else { return }
        let (sends, artifacts) = try fixture.harness("read the witness") { (try client.sends(), try client.dossierArtifacts()) }
        let seeded = Set(seed.allEventIDs)
        // Recorded on this machine by a foreign login: any send of these ids is a leak.
        let foreign = SendIdentity(server: "the legacy queue", account: "foreign-user@foreign.invalid", team: "foreign-team")
        let leaks = BoundaryWitness.leaks(of: seeded, recordedUnder: foreign, in: sends.map { WitnessedSend(server: "S1", send: $0) },
                                          commands: fixture.driver.results)
        let uploads = artifacts.filter { $0.contentHash == seed.contentHash }
        if !uploads.isEmpty {
            fixture.updateEvidence { $0.notes["foreign_body_upload"] = uploads.map { "content hash \($0.contentHash) of project \($0.projectUUID ?? "?") pushed by account \($0.account) (no identity in the row)" }.joined(separator: "; ") }
        }
        guard leaks.isEmpty else {
            throw ScenarioFailure(.boundaryForeignRowsLeaked, "foreign legacy rows were sent: " + leaks.prefix(5).map(\.description).joined(separator: "; "))
        }
    }

    /// `sync opt-in`; when the CLI refuses because a legacy store awaits migration, the pending migration's id.
    private func consent(_ fixture: ScenarioFixture, legacy: URL, project: ProjectIdentity) throws -> String? {
        let optIn = try fixture.run("sync opt-in") { try fixture.driver.syncOptIn() }
        if optIn.succeeded { return nil }
        let output = optIn.stdout + "\n" + optIn.stderr
        guard output.contains("project-store-migrate") else { throw ScenarioFailure.from(step: "sync opt-in", optIn) }
        fixture.updateEvidence { $0.notes["opt_in_refused"] = FailureClassifier.lastLines(output, 3) }
        // The refusal names the command but not the migration it waits for;
        // the CLI's own layout record holds that id (read, never written).
        let layout = fixture.workspace.runtimeRoot(for: fixture.driver.version).appendingPathComponent("projects/.layout-generation.json")
        guard let data = FileManager.default.contents(atPath: layout.path), let id = try? JSONValue.parse(data)["migration_id"]?.stringValue else {
            throw ScenarioFailure(.cliCommandFailed, "sync opt-in refused pending a legacy-store migration, and \(layout.path) names none\n\(optIn.tail(lines: 6))")
        }
        fixture.updateEvidence { $0.notes["pending_migration_id"] = id }
        return id
    }

    /// `sync project-store-migrate` with the pending id, then `sync opt-in` again: the CLI's own remedy.
    private func migrate(_ fixture: ScenarioFixture, legacy: URL, migrationID: String) throws {
        let migrate = try fixture.run("sync project-store-migrate") {
            try fixture.driver.specKitty(["sync", "project-store-migrate", "--source", legacy.path, "--migration-id", migrationID, "--json"])
        }
        try fixture.requireSuccess(migrate, step: "sync project-store-migrate")
        let answer = JSONValue.parseObject(migrate.stdout)
        fixture.updateEvidence { evidence in
            evidence.notes["migration_phase"] = answer?["phase"]?.stringValue ?? "?"
            evidence.notes["migration_quarantine"] = "\(answer?["quarantine"]?.arrayValue?.count ?? 0) row(s)"
        }
        let optIn = try fixture.run("sync opt-in") { try fixture.driver.syncOptIn() }
        try fixture.requireSuccess(optIn, step: "sync opt-in after project-store-migrate")
    }

    /// What the CLI says it would do with the legacy queue: the number of its rows put into this project (nil when unknown).
    private func projectStorePreview(_ fixture: ScenarioFixture, legacy: URL, project: ProjectIdentity, migrationID: String?) throws -> Int? {
        let preview = try fixture.run("sync project-store-preview") {
            try fixture.driver.syncProjectStorePreview(sources: [legacy], migrationID: migrationID ?? "canary-\(UUID().uuidString.prefix(8).lowercased())")
        }
        fixture.updateEvidence { $0.notes["project_store_preview_exit"] = preview.result.exitCode.map(String.init) ?? "signal" }
        guard preview.result.succeeded, let partitions = JSONValue.parseObject(preview.result.stdout)?["partitions"] else { return nil }
        let mine = partitions[project.uuid]?.arrayValue?.filter {
            $0["source_path"]?.stringValue == legacy.path && $0["table"]?.stringValue == "queue"
        }.count ?? 0
        if case let .object(members) = partitions {
            fixture.updateEvidence { $0.notes["project_store_preview_partitions"] = members.map { "\($0.key): \($0.value.arrayValue?.count ?? 0)" }.joined(separator: ", ") }
        }
        return mine
    }
}
