/// One envelope seen in one batch request, whatever the answer: the raw witness of delivery.
public struct StandInEventReceipt: Codable, Equatable, Sendable {
    /// The envelope's `event_id` (nil when it had none).
    public var eventID: String?
    /// The account id of the bearer token that sent it.
    public var account: String
    /// The per-event answer: `success`, `queued`, `duplicate` or `rejected`.
    public var status: String
    /// When it arrived (ISO-8601, UTC).
    public var receivedAt: String

    enum CodingKeys: String, CodingKey {
        case eventID = "event_id", account, status, receivedAt = "received_at"
    }

    /// Encodes every field, `event_id` as null when the envelope had none.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(eventID, forKey: .eventID)
        try container.encode(account, forKey: .account)
        try container.encode(status, forKey: .status)
        try container.encode(receivedAt, forKey: .receivedAt)
    }
}
