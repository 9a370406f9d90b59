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

        // 2. Log in as this scenario's account, set up, run the lifecycle, sync.
        let account = try fixture.login()
        let project = try fixture.prepareCheckout()
        let mission = try fixture.createMission(label: "canary-legacy-migration", markSubtaskDone: false)
        try fixture.move(mission, to: "claimed")
        let status = try fixture.statusCheck(json: true)
        let preview = try projectStorePreview(fixture, legacy: legacy, project: project)
        let outcome = try fixture.syncNow()

        // 3a. No seeded marker reached the server, under any account.
        try Self.requireNoLeak(fixture, seed: seed)
        // 3b. The CLI did not adopt the foreign rows into this project.
        if let adopted = preview, adopted > 0 {
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
    static func requireNoLeak(_ fixture: ScenarioFixture, seed: Seed) throws {
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

    /// What the CLI says it would do with the legacy queue: the number of its rows put into this project (nil when unknown).
    private func projectStorePreview(_ fixture: ScenarioFixture, legacy: URL, project: ProjectIdentity) throws -> Int? {
        let preview = try fixture.run("sync project-store-preview") {
            try fixture.driver.syncProjectStorePreview(sources: [legacy], migrationID: "canary-\(UUID().uuidString.prefix(8).lowercased())")
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
