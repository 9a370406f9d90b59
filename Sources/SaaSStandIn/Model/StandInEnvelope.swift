import CanaryCore
/// An event envelope the stand-in accepted, with the account whose token sent it.
public struct StandInEnvelope: Codable, Equatable, Sendable {
    /// The envelope's `event_id`.
    public var eventID: String
    /// The envelope's `event_type`, if it had one.
    public var eventType: String?
    /// The account id of the bearer token that delivered it first.
    public var account: String
    /// The envelope's `project_uuid`, if any.
    public var projectUUID: String?
    /// The envelope's `aggregate_type`, if any.
    public var aggregateType: String?
    /// The envelope's `aggregate_id`, if any.
    public var aggregateID: String?
    /// What the batch answer said for it: `success` or `queued`.
    public var status: String
    /// When it was accepted (ISO-8601, UTC).
    public var receivedAt: String
    /// The envelope exactly as decoded (every top-level key the CLI sent).
    public var envelope: JSONValue

    enum CodingKeys: String, CodingKey {
        case eventID = "event_id", eventType = "event_type", account, projectUUID = "project_uuid"
        case aggregateType = "aggregate_type", aggregateID = "aggregate_id", status, receivedAt = "received_at", envelope
    }

    /// Encodes every field, absent ones as null.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(eventID, forKey: .eventID)
        try container.encode(eventType, forKey: .eventType)
        try container.encode(account, forKey: .account)
        try container.encode(projectUUID, forKey: .projectUUID)
        try container.encode(aggregateType, forKey: .aggregateType)
        try container.encode(aggregateID, forKey: .aggregateID)
        try container.encode(status, forKey: .status)
        try container.encode(receivedAt, forKey: .receivedAt)
        try container.encode(envelope, forKey: .envelope)
    }
}
