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
