import Foundation

/// A row for the legacy `queue` table.
public struct LegacyQueueEvent: Equatable, Sendable {
    /// `event_id` (UNIQUE).
    public var eventID: String
    /// `event_type`.
    public var eventType: String
    /// `data`: the full envelope.
    public var envelope: JSONValue
    /// `timestamp`: Unix seconds, as 3.2.0 stores it.
    public var timestamp: Int
    /// `retry_count`.
    public var retryCount: Int
    /// `coalesce_key`.
    public var coalesceKey: String?

    /// A row with an explicit envelope.
    public init(eventID: String, eventType: String, envelope: JSONValue, timestamp: Int, retryCount: Int = 0, coalesceKey: String? = nil) {
        self.eventID = eventID
        self.eventType = eventType
        self.envelope = envelope
        self.timestamp = timestamp
        self.retryCount = retryCount
        self.coalesceKey = coalesceKey
    }

    /// A `WPStatusChanged` row in the shape 3.2.0 queued, stamped with a foreign identity.
    ///
    /// The marker that recognises a leak on the server is the event id alone: the payload
    /// stays valid for the events package the CLI pins, or a strict server would refuse
    /// every batch holding the row (with the scenario's own events) and hide the leak.
    public static func wpStatusChanged(
        eventID: String,
        wpID: String,
        projectUUID: String,
        projectSlug: String,
        teamSlug: String,
        actor: String,
        missionSlug: String = "canary-legacy-mission",
        fromLane: String = "planned",
        toLane: String = "claimed",
        date: Date = Date()
    ) -> LegacyQueueEvent {
        let timestamp = Timestamp.iso8601(date)
        let payload: [(key: String, value: JSONValue)] = [
            ("actor", .string(actor)), ("execution_mode", .string("worktree")), ("force", .bool(false)),
            ("from_lane", .string(fromLane)), ("mission_slug", .string(missionSlug)), ("reason", .null),
            ("review_ref", .null), ("to_lane", .string(toLane)), ("wp_id", .string(wpID)),
        ]
        let envelope: [(key: String, value: JSONValue)] = [
            ("aggregate_id", .string(wpID)), ("aggregate_type", .string("WorkPackage")),
            ("causation_id", .null), ("correlation_id", .string(eventID)),
            ("event_id", .string(eventID)), ("event_type", .string("WPStatusChanged")),
            ("git_branch", .string("canary/legacy")), ("head_commit_sha", .null),
            ("lamport_clock", .number(1)), ("node_id", .string("canarylegacy")),
            ("payload", .object(payload)), ("project_slug", .string(projectSlug)),
            ("project_uuid", .string(projectUUID)), ("repo_slug", .null),
            ("schema_version", .string("3.0.0")), ("team_slug", .string(teamSlug)),
            ("timestamp", .string(timestamp)),
        ]
        return LegacyQueueEvent(
            eventID: eventID, eventType: "WPStatusChanged", envelope: .object(envelope),
            timestamp: Int(date.timeIntervalSince1970)
        )
    }
}
