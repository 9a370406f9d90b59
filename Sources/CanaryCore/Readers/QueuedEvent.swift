/// One event the CLI captured locally, decoded to its full envelope.
public struct QueuedEvent: Equatable, Sendable {
    /// `event_id`.
    public var eventID: String
    /// `event_type`, e.g. `WPStatusChanged`.
    public var eventType: String
    /// The full event envelope as the CLI would send it.
    public var envelope: JSONValue
    /// Outbox state (`pending`, `retry`, `synced`, `terminal_failed`); `queued` for a
    /// legacy row; nil for a journal entry with no outbox task.
    public var state: String?
    /// Capture order: `capture_sequence` (3.2.x) or the row id (legacy).
    public var sequence: Int

    /// Creates an event.
    public init(eventID: String, eventType: String, envelope: JSONValue, state: String?, sequence: Int) {
        self.eventID = eventID
        self.eventType = eventType
        self.envelope = envelope
        self.state = state
        self.sequence = sequence
    }
}

/// The transition a `WPStatusChanged` event records.
public struct StatusChange: Equatable, Sendable {
    /// The event's id.
    public var eventID: String
    /// `wp_id`.
    public var workPackageID: String
    /// `from_lane`.
    public var fromLane: String?
    /// `to_lane`.
    public var toLane: String?
    /// `force`; nil when the event does not carry it (the spec-kitty-events #32 signature).
    public var force: Bool?
    /// `reason`; nil when absent.
    public var reason: String?
    /// `review_ref`.
    public var reviewRef: String?
    /// `causation_id`: the id `move-task --json` reports as its `event_id`.
    public var causationID: String?
    /// The queue state of the event.
    public var state: String?
    /// Capture order.
    public var sequence: Int

    /// Reads the transition from a `WPStatusChanged` event; nil for other events.
    ///
    /// The transition lives in `payload`; rc13–rc16 also copied it to the top
    /// level, which is used only when the payload lacks a field.
    public init?(_ event: QueuedEvent) {
        guard event.eventType == "WPStatusChanged" else { return nil }
        let payload = event.envelope["payload"] ?? .emptyObject
        func field(_ key: String) -> JSONValue? {
            if let value = payload[key], value != .null { return value }
            if let value = event.envelope[key], value != .null { return value }
            return nil
        }
        guard let wpID = field("wp_id")?.stringValue ?? event.envelope["aggregate_id"]?.stringValue else { return nil }
        eventID = event.eventID
        workPackageID = wpID
        fromLane = field("from_lane")?.stringValue
        toLane = field("to_lane")?.stringValue
        force = field("force")?.boolValue
        reason = field("reason")?.stringValue
        reviewRef = field("review_ref")?.stringValue
        causationID = event.envelope["causation_id"]?.stringValue
        state = event.state
        sequence = event.sequence
    }

    /// Whether this is the review rejection Scenario 4 expects: in_review → planned,
    /// forced, with a non-empty reason.
    public var isForcedRollbackFromReview: Bool {
        fromLane == "in_review" && toLane == "planned" && force == true
            && !(reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty
    }
}

/// How much a queue holds.
public struct QueueCounts: Equatable, Sendable {
    /// Captured events.
    public var events: Int
    /// Pending body uploads.
    public var bodyUploads: Int
    /// Events per outbox state.
    public var eventsByState: [String: Int]

    /// Creates counts.
    public init(events: Int, bodyUploads: Int, eventsByState: [String: Int]) {
        self.events = events
        self.bodyUploads = bodyUploads
        self.eventsByState = eventsByState
    }
}
