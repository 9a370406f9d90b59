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
