import Foundation

/// Reads the events a `spec-kitty` CLI queued locally, read-only.
///
/// Understands the 3.2.x per-project store (`projects/<uuid>/sync/sync.db`:
/// `journal_entries` joined to `outbox_tasks`, base64 envelopes) and the
/// single legacy queue of 3.2.0 and its RCs (`queue` table, JSON `data`).
/// Opened read-only with a busy timeout because the CLI may hold the write
/// lock; every method re-queries, so one reader can follow a scenario.
public final class QueueReader {
    /// Which schema the file has.
    public enum Layout: Equatable, Sendable {
        /// 3.2.6+: `journal_entries` + `outbox_tasks`.
        case projectStore
        /// 3.2.0 and RCs: `queue` (+ `body_upload_queue`).
        case legacyQueue
    }

    /// Why a queue could not be read.
    public enum ReadError: Error, Equatable, CustomStringConvertible {
        /// The file has neither known schema.
        case unknownLayout(path: String, tables: [String])
        /// A row's payload could not be decoded into an envelope.
        case undecodablePayload(eventID: String, reason: String)

        /// The problem and the file or event, in words.
        public var description: String {
            switch self {
            case let .unknownLayout(path, tables): "\(path): unknown queue layout (tables: \(tables.joined(separator: ", ")))"
            case let .undecodablePayload(eventID, reason): "event \(eventID): undecodable payload (\(reason))"
            }
        }
    }

    /// The file being read.
    public let url: URL
    /// Its schema.
    public let layout: Layout
    private let database: SQLiteDatabase

    /// Opens `url` read-only and detects its layout.
    public init(url: URL, busyTimeout: TimeInterval = 5) throws {
        self.url = url
        database = try SQLiteDatabase(url: url, mode: .readOnly, busyTimeout: busyTimeout)
        let tables = try database.tableNames()
        if tables.contains("journal_entries") {
            layout = .projectStore
        } else if tables.contains("queue") {
            layout = .legacyQueue
        } else {
            throw ReadError.unknownLayout(path: url.path, tables: tables.sorted())
        }
    }

    /// Every captured event, in capture order.
    public func events() throws -> [QueuedEvent] {
        switch layout {
        case .projectStore:
            let rows = try database.query("""
                SELECT j.entry_id, j.capture_sequence, j.payload_json, o.state
                FROM journal_entries AS j
                LEFT JOIN outbox_tasks AS o
                  ON o.project_uuid = j.project_uuid AND o.journal_entry_id = j.entry_id
                ORDER BY j.capture_sequence
                """)
            let outcomes = try deliveryOutcomes()
            return try rows.map { row in
                let entryID = row["entry_id"].text ?? ""
                let record = row["payload_json"].text ?? ""
                let envelope = try Self.decodeJournalRecord(record, entryID: entryID)
                return QueuedEvent(
                    eventID: envelope["event_id"]?.stringValue ?? entryID,
                    eventType: envelope["event_type"]?.stringValue ?? "",
                    envelope: envelope,
                    state: row["state"].text,
                    sequence: Int(row["capture_sequence"].integer ?? 0),
                    deliveryOutcome: outcomes[envelope["event_id"]?.stringValue ?? entryID]
                )
            }
        case .legacyQueue:
            let rows = try database.query("SELECT id, event_id, event_type, data FROM queue ORDER BY id")
            return try rows.map { row in
                let eventID = row["event_id"].text ?? ""
                let envelope: JSONValue
                do { envelope = try JSONValue.parse(Data((row["data"].text ?? "").utf8)) } catch {
                    throw ReadError.undecodablePayload(eventID: eventID, reason: "data is not JSON")
                }
                return QueuedEvent(
                    eventID: eventID, eventType: row["event_type"].text ?? "", envelope: envelope,
                    state: "queued", sequence: Int(row["id"].integer ?? 0)
                )
            }
        }
    }

    /// The last captured `WPStatusChanged` of `wpID`: Scenario 4's check that the rollback landed.
    ///
    /// Every journal entry counts, delivered or not: 3.2.x keeps rows after
    /// delivery, and what matters is the last transition the CLI recorded.
    public func latestStatusChange(wpID: String) throws -> StatusChange? {
        try statusChanges(wpID: wpID).last
    }

    /// Every captured `WPStatusChanged` of `wpID`, in capture order.
    public func statusChanges(wpID: String) throws -> [StatusChange] {
        try events().compactMap(StatusChange.init).filter { $0.workPackageID == wpID }
    }

    /// The latest recorded delivery outcome per event id (3.2.x project store only).
    ///
    /// `delivery_attempts.payload_reference` names the event (`native_identity`,
    /// with `write_kind` `event`); `delivery_results.outcome` says how it went.
    public func deliveryOutcomes() throws -> [String: String] {
        guard layout == .projectStore,
              try database.tableNames().isSuperset(of: ["delivery_attempts", "delivery_results"]) else { return [:] }
        let rows = try database.query("""
            SELECT a.payload_reference, r.outcome
            FROM delivery_results AS r
            JOIN delivery_attempts AS a ON a.project_uuid = r.project_uuid AND a.attempt_id = r.attempt_id
            ORDER BY r.recorded_at, r.rowid
            """)
        var outcomes: [String: String] = [:]
        for row in rows {
            guard let reference = row["payload_reference"].text,
                  let json = try? JSONValue.parse(Data(reference.utf8)),
                  json["write_kind"]?.stringValue == "event",
                  let eventID = json["native_identity"]?.stringValue,
                  let outcome = row["outcome"].text else { continue }
            outcomes[eventID] = outcome
        }
        return outcomes
    }

    /// Event and body-upload counts.
    public func counts() throws -> QueueCounts {
        let all = try events()
        var byState: [String: Int] = [:]
        var byOutcome: [String: Int] = [:]
        for event in all {
            byState[event.state ?? "none", default: 0] += 1
            if let outcome = event.deliveryOutcome { byOutcome[outcome, default: 0] += 1 }
        }
        let bodyTable = layout == .projectStore ? "body_upload_tasks" : "body_upload_queue"
        let bodies = try database.tableNames().contains(bodyTable)
            ? Int(try database.query("SELECT COUNT(*) AS n FROM \(bodyTable)").first?["n"].integer ?? 0)
            : 0
        return QueueCounts(events: all.count, bodyUploads: bodies, eventsByState: byState, eventsByDeliveryOutcome: byOutcome)
    }

    /// Decodes a `journal_entries.payload_json` record into the event envelope.
    ///
    /// The record wraps the envelope: `payload` is base64 of the envelope's
    /// JSON when `payload_encoding` is `base64`, else the envelope itself
    /// (an object, or JSON text).
    public static func decodeJournalRecord(_ record: String, entryID: String = "") throws -> JSONValue {
        guard let wrapper = try? JSONValue.parse(Data(record.utf8)) else {
            throw ReadError.undecodablePayload(eventID: entryID, reason: "payload_json is not JSON")
        }
        guard let payload = wrapper["payload"] else { return wrapper }
        switch (wrapper["payload_encoding"]?.stringValue, payload) {
        case let ("base64", .string(encoded)):
            guard let bytes = Data(base64Encoded: encoded), let envelope = try? JSONValue.parse(bytes) else {
                throw ReadError.undecodablePayload(eventID: entryID, reason: "payload is not base64 JSON")
            }
            return envelope
        case let (_, .string(text)):
            guard let envelope = try? JSONValue.parse(Data(text.utf8)) else {
                throw ReadError.undecodablePayload(eventID: entryID, reason: "payload text is not JSON")
            }
            return envelope
        case (_, .object):
            return payload
        default:
            throw ReadError.undecodablePayload(eventID: entryID, reason: "payload has an unknown encoding")
        }
    }
}
