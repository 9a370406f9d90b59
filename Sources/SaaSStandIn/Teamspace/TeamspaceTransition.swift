import CanaryCore

/// One lane change of a work package, read from a `WPStatusChanged` envelope.
public struct TeamspaceTransition: Codable, Equatable, Sendable {
    /// The envelope's `event_id`.
    public var eventID: String
    /// The envelope's `causation_id`: in 3.2.x the id of the CLI's own status event
    /// (what `move-task --json` reports as `event_id`), which links the two records.
    public var causationID: String?
    /// `payload.from_lane`.
    public var fromLane: String
    /// `payload.to_lane`.
    public var toLane: String
    /// `payload.force`.
    public var force: Bool
    /// `payload.reason`, if any.
    public var reason: String?
    /// `payload.actor` as sent: a name, or an object (`{tool, role, profile, model}` in 3.2.7).
    public var actor: JSONValue?
    /// `payload.review_ref`, if any.
    public var reviewRef: String?
    /// The envelope's `timestamp` (when the CLI recorded it).
    public var timestamp: String?
    /// The envelope's `lamport_clock`.
    public var lamportClock: Int?
    /// When the stand-in accepted it.
    public var receivedAt: String

    /// Creates a transition.
    public init(eventID: String, causationID: String? = nil, fromLane: String, toLane: String, force: Bool,
                reason: String? = nil, actor: JSONValue? = nil, reviewRef: String? = nil, timestamp: String? = nil,
                lamportClock: Int? = nil, receivedAt: String = "") {
        self.eventID = eventID
        self.causationID = causationID
        self.fromLane = fromLane
        self.toLane = toLane
        self.force = force
        self.reason = reason
        self.actor = actor
        self.reviewRef = reviewRef
        self.timestamp = timestamp
        self.lamportClock = lamportClock
        self.receivedAt = receivedAt
    }

    enum CodingKeys: String, CodingKey {
        case eventID = "event_id", causationID = "causation_id", fromLane = "from_lane", toLane = "to_lane", force, reason
        case actor, reviewRef = "review_ref", timestamp, lamportClock = "lamport_clock", receivedAt = "received_at"
    }

    /// Encodes every field, absent ones as null.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(eventID, forKey: .eventID)
        try container.encode(causationID, forKey: .causationID)
        try container.encode(fromLane, forKey: .fromLane)
        try container.encode(toLane, forKey: .toLane)
        try container.encode(force, forKey: .force)
        try container.encode(reason, forKey: .reason)
        try container.encode(actor ?? .null, forKey: .actor)
        try container.encode(reviewRef, forKey: .reviewRef)
        try container.encode(timestamp, forKey: .timestamp)
        try container.encode(lamportClock, forKey: .lamportClock)
        try container.encode(receivedAt, forKey: .receivedAt)
    }
}
