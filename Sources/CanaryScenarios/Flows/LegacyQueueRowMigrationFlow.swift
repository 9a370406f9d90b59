import CanaryCore
import Foundation
import SaaSStandIn

/// Scenario 2: queue rows left by a different identity are never delivered under the current one.
public struct LegacyQueueRowMigrationFlow: Sendable {
    /// What the scenario plants in the legacy queue, all stamped with a foreign identity.
    public struct Seed: Equatable, Sendable {
        /// `canary-legacy-<uuid>` event ids.
        public var eventIDs: [String]
        /// The `seed_id` of each payload.
        public var seedIDs: [String]
        /// The 64-hex content hash of the body upload.
        public var contentHash: String
        /// The foreign project the rows claim.
        public var foreignProject: String

        /// A fresh seed with unique ids.
        public static func make() -> Seed {
            let body = "canary legacy body \(UUID().uuidString)"
            return Seed(eventIDs: (0 ..< 2).map { _ in "canary-legacy-\(UUID().uuidString.lowercased())" },
                        seedIDs: (0 ..< 2).map { _ in "canary-seed-\(UUID().uuidString.lowercased())" },
                        contentHash: SHA256.hex(of: body), foreignProject: UUID().uuidString.lowercased())
        }

        /// Every marker that must never reach the server.
        public var markers: [String] { eventIDs + seedIDs + [contentHash] }
    }

    /// Creates the flow.
    public init() {}

    /// Runs the steps of `scenarios.md`; throws the first classified failure.
    public func run(_ fixture: ScenarioFixture) throws {
        // 1. Before login: a foreign identity's rows in the 3.2.0 legacy layout.
        let seed = Seed.make()
        let legacy = fixture.workspace.legacyQueueURL(for: fixture.driver.version)
        try fixture.harness("seed the legacy queue") {
            let events = zip(seed.eventIDs, seed.seedIDs).enumerated().map { index, ids in
                LegacyQueueEvent.wpStatusChanged(
                    eventID: ids.0, seedID: ids.1, wpID: index == 0 ? "WP-CANARY-LEGACY-A" : "WP-CANARY-LEGACY-B",
                    projectUUID: seed.foreignProject, projectSlug: "foreign-project", teamSlug: "foreign-team",
                    actor: "foreign-user@foreign.invalid")
            }
            let upload = LegacyBodyUpload(projectUUID: seed.foreignProject, missionSlug: "foreign-mission",
                                          contentBody: "canary legacy body", createdAt: Date())
            var hashed = upload
            hashed.contentHash = seed.contentHash
            try LegacyQueueSeeder.seed(at: legacy, events: events, bodyUploads: [hashed])
        }
        fixture.updateEvidence { evidence in
            evidence.notes["seeded_event_ids"] = seed.eventIDs.joined(separator: ",")
            evidence.notes["seeded_seed_ids"] = seed.seedIDs.joined(separator: ",")
            evidence.notes["seeded_content_hash"] = seed.contentHash
            evidence.notes["seeded_legacy_queue"] = legacy.path
        }

        // 2. Log in as this scenario's account and set up. 3.2.7 refuses opt-in while
        //    a legacy queue awaits migration; its own remedy is project-store-migrate.
        let account = try fixture.login()
        let project = try fixture.prepareCheckout(optIn: false)
        var adopted: Int?
        if fixture.needsOptIn {
            let pendingMigration = try consent(fixture, legacy: legacy, project: project)
            adopted = try projectStorePreview(fixture, legacy: legacy, project: project, migrationID: pendingMigration)
            if let pendingMigration { try migrate(fixture, legacy: legacy, migrationID: pendingMigration) }
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

        // 3a. No seeded marker reached the server, under any account.
        try Self.requireNoLeak(fixture, seed: seed)
        // 3b. The CLI did not adopt the foreign rows into this project.
        if let adopted, adopted > 0 {
            throw ScenarioFailure(.boundaryForeignRowsLeaked, "sync project-store-preview puts \(adopted) row(s) of the foreign legacy queue into this identity's project \(project.uuid)")
        }
        // 3c. A refusal over legacy rows is recorded, not passed.
        if outcome.result.exitCode == 2 || outcome.summary.refusal != nil {
            let line = outcome.summary.refusal?.line ?? outcome.result.tail(lines: 3)
            throw ScenarioFailure(.cliCommandFailed, "sync now refused with foreign legacy rows present (rows in scope \(status.report.legacyQueue.rowsInScope.map(String.init) ?? "?")): \(line); own events were not delivered")
        }
        // 3d. The scenario's own events were delivered.
        let delivered = try fixture.requireSyncOutcome(outcome)
        try FreshAuthenticatedMissionFlow.requireWitnessed(fixture, account: account, project: project, mission: mission,
                                                          lane: "claimed", outcome: delivered)
    }

    /// Searches everything the stand-in holds (every account's envelopes, receipts and uploads) for the seed's markers.
    public static func requireNoLeak(_ fixture: ScenarioFixture, seed: Seed) throws {
        guard let client = fixture.witness else { return }
        let (envelopes, receipts, artifacts) = try fixture.harness("read the witness") {
            (try client.envelopes(), try client.receipts(), try client.dossierArtifacts())
        }
        var leaks: [String] = []
        for envelope in envelopes {
            let text = String(decoding: try RunDocumentCoding.encode(envelope.envelope), as: UTF8.self)
            for marker in seed.markers where text.contains(marker) {
                leaks.append("\(marker) in event \(envelope.eventID) under account \(envelope.account)")
            }
        }
        for receipt in receipts {
            if let id = receipt.eventID, seed.eventIDs.contains(id) { leaks.append("\(id) sent by account \(receipt.account)") }
        }
        for artifact in artifacts where artifact.contentHash == seed.contentHash {
            leaks.append("content hash \(artifact.contentHash) uploaded by account \(artifact.account)")
        }
        guard leaks.isEmpty else {
            throw ScenarioFailure(.boundaryForeignRowsLeaked, "foreign legacy rows reached the server: \(leaks.prefix(5).joined(separator: "; "))")
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
        let mine = partitions[project.uuid]?.arrayValue?.filter { $0["source_path"]?.stringValue == legacy.path }.count ?? 0
        if case let .object(members) = partitions {
            fixture.updateEvidence { $0.notes["project_store_preview_partitions"] = members.map { "\($0.key): \($0.value.arrayValue?.count ?? 0)" }.joined(separator: ", ") }
        }
        return mine
    }
}
