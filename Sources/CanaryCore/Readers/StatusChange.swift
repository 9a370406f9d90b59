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
    /// The latest delivery outcome the CLI recorded, or nil when never attempted.
    public var deliveryOutcome: String?
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
        deliveryOutcome = event.deliveryOutcome
        sequence = event.sequence
    }

    /// Whether this is the review rejection Scenario 4 expects: in_review → planned,
    /// forced, with a non-empty reason.
    public var isForcedRollbackFromReview: Bool {
        fromLane == "in_review" && toLane == "planned" && force == true
            && !(reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty
    }
}
