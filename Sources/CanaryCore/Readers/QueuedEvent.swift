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
    /// The latest delivery outcome the CLI recorded (`delivered`, `duplicate`,
    /// `rejected`, …), or nil when it never tried. 3.2.7 leaves the outbox
    /// state at `pending` after delivery; this is where delivery shows.
    public var deliveryOutcome: String?

    /// Creates an event.
    public init(
        eventID: String, eventType: String, envelope: JSONValue, state: String?, sequence: Int,
        deliveryOutcome: String? = nil
    ) {
        self.eventID = eventID
        self.eventType = eventType
        self.envelope = envelope
        self.state = state
        self.sequence = sequence
        self.deliveryOutcome = deliveryOutcome
    }
}
