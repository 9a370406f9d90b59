import CanaryCore
import Foundation

/// Batch ingest and dossier pushes.
extension StandInStore {
    /// Decides and records every envelope of one batch in one transaction, so
    /// duplicate detection sees earlier batches, earlier envelopes and earlier runs.
    /// Each envelope is stored as the text that arrived for it, never re-encoded.
    func recordBatch(_ batch: BatchBody, accountID: String, profile: StandInProfile,
                     forcedRejection: (category: String, message: String)?) throws -> [BatchEventResult] {
        try withDatabase { database in
            try database.transaction {
                let now = Date()
                let receivedAt = Timestamp.iso8601(now)
                return try zip(batch.events, batch.envelopeTexts).map { envelope, json in
                    let facts = EnvelopeFacts(envelope)
                    let alreadyAccepted = try facts.eventID.map {
                        try database.scalar("SELECT COUNT(*) FROM envelopes WHERE event_id = ?", [.text($0)]) > 0
                    } ?? false
                    let outcome = EventOutcome.decide(eventID: facts.eventID, isObject: envelope.members != nil,
                                                      alreadyAccepted: alreadyAccepted, profile: profile,
                                                      forcedRejection: forcedRejection)
                    let result = outcome.result(eventID: facts.eventID)
                    switch outcome {
                    case .accept(let status):
                        try insertEnvelope(database, facts: facts, accountID: accountID, status: status, receivedAt: receivedAt, json: json)
                        try upsertIntake(database, eventID: facts.eventID ?? "", accountID: accountID, state: .processed,
                                         category: nil, error: nil, receivedAt: receivedAt, epoch: now.timeIntervalSince1970, json: json)
                    case .reject(let category, let message):
                        if let eventID = facts.eventID {
                            try upsertIntake(database, eventID: eventID, accountID: accountID, state: .forRejection(category: category),
                                             category: category, error: message, receivedAt: receivedAt,
                                             epoch: now.timeIntervalSince1970, json: json)
                        }
                    case .duplicate:
                        break
                    }
                    try database.run("INSERT INTO receipts(event_id, account_id, status, received_at) VALUES (?, ?, ?, ?)",
                                     [.optional(facts.eventID), .text(accountID), .text(result.status), .text(receivedAt)])
                    return result
                }
            }
        }
    }

    private func insertEnvelope(_ database: SQLiteDatabase, facts: EnvelopeFacts, accountID: String, status: String,
                                receivedAt: String, json: String) throws {
        try database.run("""
            INSERT INTO envelopes(event_id, account_id, event_type, aggregate_type, aggregate_id, project_uuid,
                                  mission_slug, wp_id, force, answered_status, received_at, envelope_json)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.text(facts.eventID ?? ""), .text(accountID), .optional(facts.eventType), .optional(facts.aggregateType),
                  .optional(facts.aggregateID), .optional(facts.projectUUID), .optional(facts.missionSlug),
                  .optional(facts.workPackageID), .integer(facts.force ? 1 : 0), .text(status), .text(receivedAt), .text(json)])
    }

    /// One intake row per event id. Historical rows are never touched, and a processed
    /// row is never downgraded by a later rejection.
    private func upsertIntake(_ database: SQLiteDatabase, eventID: String, accountID: String, state: IntakeState,
                              category: String?, error: String?, receivedAt: String, epoch: Double, json: String) throws {
        try database.run("""
            INSERT INTO batch_intake(event_id, account_id, state, error_category, error, historical,
                                     received_at, received_epoch, envelope_json)
            VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?)
            ON CONFLICT(event_id) DO UPDATE SET
                state = excluded.state, error_category = excluded.error_category, error = excluded.error,
                received_at = excluded.received_at, received_epoch = excluded.received_epoch
            WHERE batch_intake.historical = 0 AND batch_intake.state != 'processed'
            """, [.text(eventID), .text(accountID), .text(state.rawValue), .optional(category), .optional(error),
                  .text(receivedAt), .real(epoch), .text(json)])
    }

    /// Stores a dossier artifact body; false when this account already pushed the same one.
    func storeDossierArtifact(accountID: String, projectUUID: String?, missionSlug: String?,
                              artifactPath: String, contentHash: String, contentLength: Int) throws -> Bool {
        try withDatabase { database in
            // '' rather than NULL: NULLs never collide in a UNIQUE index, so repeats would look new.
            try database.run("""
                INSERT OR IGNORE INTO dossier_artifacts(account_id, project_uuid, mission_slug, artifact_path,
                                                        content_hash, content_length, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, [.text(accountID), .text(projectUUID ?? ""), .text(missionSlug ?? ""), .text(artifactPath),
                      .text(contentHash), .integer(Int64(contentLength)), .text(Timestamp.iso8601())])
            return database.changes == 1
        }
    }
}
