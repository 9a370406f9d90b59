/// How much a queue holds.
public struct QueueCounts: Equatable, Sendable {
    /// Captured events.
    public var events: Int
    /// Pending body uploads.
    public var bodyUploads: Int
    /// Events per outbox state.
    public var eventsByState: [String: Int]
    /// Events per latest delivery outcome; never-attempted events are not counted.
    public var eventsByDeliveryOutcome: [String: Int]

    /// Creates counts.
    public init(events: Int, bodyUploads: Int, eventsByState: [String: Int], eventsByDeliveryOutcome: [String: Int] = [:]) {
        self.events = events
        self.bodyUploads = bodyUploads
        self.eventsByState = eventsByState
        self.eventsByDeliveryOutcome = eventsByDeliveryOutcome
    }
}
