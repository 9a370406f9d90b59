import CanaryCore
import Foundation

/// What the scenarios and the gate read back: the request log, accepted envelopes,
/// receipts, counts, drain state and the historical digest.
extension StandInStore {
    /// Appends one line to the request log.
    func logRequest(method: String, path: String, status: Int, accountID: String?, tokenFingerprint: String? = nil) throws {
        try withDatabase {
            try $0.run("INSERT INTO requests(method, path, status, account_id, time, token_fingerprint) VALUES (?, ?, ?, ?, ?, ?)",
                       [.text(method), .text(path), .integer(Int64(status)), .optional(accountID), .text(Timestamp.iso8601()),
                        .optional(tokenFingerprint)])
        }
    }

    /// The request log, oldest first, optionally for one account.
    func requestLog(account: String?, page request: WitnessPageRequest = .all) throws -> WitnessPage<StandInRequestLogEntry> {
        try page(request, of: "requests", columns: "method, path, status, account_id, time, token_fingerprint, seq",
                 filter: [("account_id", account)], name: "requests") {
            StandInRequestLogEntry(method: $0[0].text ?? "", path: $0[1].text ?? "", status: Int($0[2].integer ?? 0),
                                   account: $0[3].text, time: $0[4].text ?? "", tokenFingerprint: $0[5].text)
        }
    }

    /// Accepted envelopes as stored, oldest first, filtered by account, project uuid and event type.
    func storedEnvelopes(account: String?, project: String?, eventType: String?,
                         page request: WitnessPageRequest = .all) throws -> WitnessPage<StoredEnvelope> {
        try page(request, of: "envelopes", columns: StoredEnvelope.columns,
                 filter: [("account_id", account), ("project_uuid", project), ("event_type", eventType)], name: "envelopes",
                 row: StoredEnvelope.init(row:))
    }

    /// Every accepted envelope matching the filters, oldest first, parsed.
    func envelopes(account: String?, project: String?, eventType: String?) throws -> [StandInEnvelope] {
        try storedEnvelopes(account: account, project: project, eventType: eventType).items.map(\.parsed)
    }

    /// The text of the envelope accepted under `eventID`, exactly as it arrived; nil when none was.
    func envelopeText(eventID: String) throws -> String? {
        try withDatabase { try $0.query("SELECT envelope_json FROM envelopes WHERE event_id = ?", [.text(eventID)]).first?[0].text }
    }

    /// Every envelope seen in any batch (duplicates and rejections included), oldest first.
    func receipts(account: String?, eventID: String?, page request: WitnessPageRequest = .all) throws -> WitnessPage<StandInEventReceipt> {
        try page(request, of: "receipts", columns: "event_id, account_id, status, received_at, seq",
                 filter: [("account_id", account), ("event_id", eventID)], name: "receipts") {
            StandInEventReceipt(eventID: $0[0].text, account: $0[1].text ?? "", status: $0[2].text ?? "", receivedAt: $0[3].text ?? "")
        }
    }

    /// Dossier artifacts, oldest first, optionally for one account.
    func dossierArtifacts(account: String?) throws -> [StandInDossierArtifact] {
        let (clause, values) = Self.filter([("account_id", account)])
        return try withDatabase {
            try $0.query("""
                SELECT account_id, project_uuid, mission_slug, artifact_path, content_hash, content_length, received_at
                FROM dossier_artifacts\(clause) ORDER BY seq
                """, values) {
                StandInDossierArtifact(account: $0[0].text ?? "", projectUUID: ($0[1].text ?? "").nilIfEmpty,
                                       missionSlug: ($0[2].text ?? "").nilIfEmpty, artifactPath: $0[3].text ?? "",
                                       contentHash: $0[4].text ?? "", contentLength: Int($0[5].integer ?? 0), receivedAt: $0[6].text ?? "")
            }
        }
    }

    /// `saas_counts` for one account, or over everything (historical rows included) when nil.
    ///
    /// The hosted SaaS's own tables are not public; here:
    /// - `batch_intake_total`: intake rows, one per distinct event id that reached batch ingest
    ///   (accepted or rejected; a duplicate adds none);
    /// - `batch_intake_business_rule_rejected` / `batch_intake_terminal_failed`: intake rows in
    ///   those states (see `IntakeState`);
    /// - `mission_count`: distinct mission slugs named by accepted envelopes
    ///   (`payload.mission_slug`, else `payload.namespace.mission_slug`);
    /// - `work_package_count`: distinct (mission, `payload.wp_id`) pairs of accepted envelopes;
    /// - `status_transition_count`: accepted `WPStatusChanged` envelopes, and
    ///   `force_required_transition_count` those whose `payload.force` is `true`;
    /// - `sync_event_count`: accepted envelopes. `available` is always true.
    func counts(account: String?) throws -> SaaSCounts {
        let (clause, values) = Self.filter([("account_id", account)])
        // The account filter, ready for one more condition.
        let and = clause.isEmpty ? " WHERE" : clause + " AND"
        return try withDatabase { database in
            func count(_ sql: String) throws -> Int { Int(try database.scalar(sql, values)) }
            var counts = SaaSCounts()
            counts.batchIntakeTotal = try count("SELECT COUNT(*) FROM batch_intake\(clause)")
            counts.batchIntakeBusinessRuleRejected = try count("SELECT COUNT(*) FROM batch_intake\(and) state = '\(IntakeState.businessRuleRejected.rawValue)'")
            counts.batchIntakeTerminalFailed = try count("SELECT COUNT(*) FROM batch_intake\(and) state = '\(IntakeState.terminalFailed.rawValue)'")
            counts.missionCount = try count("SELECT COUNT(DISTINCT mission_slug) FROM envelopes\(clause)")
            counts.workPackageCount = try count("SELECT COUNT(DISTINCT COALESCE(mission_slug, '') || '/' || wp_id) FROM envelopes\(and) wp_id IS NOT NULL")
            counts.statusTransitionCount = try count("SELECT COUNT(*) FROM envelopes\(and) event_type = 'WPStatusChanged'")
            counts.forceRequiredTransitionCount = try count("SELECT COUNT(*) FROM envelopes\(and) event_type = 'WPStatusChanged' AND force = 1")
            counts.syncEventCount = try count("SELECT COUNT(*) FROM envelopes\(clause)")
            counts.available = true
            return counts
        }
    }

    /// The drain-queue figures `/health/ready/` reports, over every account.
    func drainQueue(now: Date = Date()) throws -> DrainQueueCounts {
        try withDatabase { database in
            func count(_ state: IntakeState) throws -> Int {
                Int(try database.scalar("SELECT COUNT(*) FROM batch_intake WHERE state = ?", [.text(state.rawValue)]))
            }
            let oldest = try database.query("SELECT MIN(received_epoch) FROM batch_intake WHERE state = ?",
                                            [.text(IntakeState.retryable.rawValue)]) { $0[0].real }.first ?? nil
            let terminal = try count(.terminalFailed)
            return DrainQueueCounts(status: terminal == 0 ? "ok" : "terminal_failed",
                                    oldestPendingAgeSeconds: oldest.map { max(0, now.timeIntervalSince1970 - $0) },
                                    retryableCount: try count(.retryable), terminalFailedCount: terminal,
                                    businessRuleRejectedCount: try count(.businessRuleRejected))
        }
    }

    /// SHA-256 over the historical rows' canonical text (one tab-separated line each, id order).
    func historicalDigest() throws -> HistoricalDigest {
        let lines = try withDatabase {
            try $0.query("""
                SELECT CAST(seq AS TEXT), event_id, state, error_category, error, received_at, envelope_json
                FROM batch_intake WHERE historical = 1 ORDER BY seq
                """) { row in (0 ..< 7).map { row[$0].text ?? "" }.joined(separator: "\t") + "\n" }
        }
        return HistoricalDigest(count: lines.count, sha256: SHA256.hex(of: lines.joined()))
    }

    /// A WHERE clause for the non-nil `column = value` pairs.
    static func filter(_ pairs: [(String, String?)]) -> (String, [SQLiteValue]) {
        let present = pairs.compactMap { pair in pair.1.map { (pair.0, $0) } }
        guard !present.isEmpty else { return ("", []) }
        return (" WHERE " + present.map { "\($0.0) = ?" }.joined(separator: " AND "), present.map { .text($0.1) })
    }
}

private extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
