/// An accepted envelope the Teamspace projection needed but could not place, and why.
///
/// Problems are served beside the projection instead of being dropped, so a client that
/// checks a CLI learns which of its events a Teamspace could not show.
public struct TeamspaceProblem: Codable, Equatable, Sendable {
    /// The envelope's `event_id` (empty when it had none).
    public var eventID: String
    /// The envelope's `event_type`, if any.
    public var eventType: String?
    /// What is wrong, naming the field (e.g. "payload.to_lane missing").
    public var reason: String

    /// Creates a problem.
    public init(eventID: String, eventType: String?, reason: String) {
        self.eventID = eventID
        self.eventType = eventType
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case eventID = "event_id", eventType = "event_type", reason
    }

    /// Encodes every field, absent ones as null.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(eventID, forKey: .eventID)
        try container.encode(eventType, forKey: .eventType)
        try container.encode(reason, forKey: .reason)
    }
}
