/// A work package on a Teamspace board: its current lane and how it got there.
public struct TeamspaceWorkPackage: Codable, Equatable, Sendable {
    /// `payload.wp_id`, e.g. `WP01`.
    public var wpID: String
    /// `payload.wp_title` of its `WPCreated`, if any.
    public var title: String?
    /// The `to_lane` of its latest transition; nil while it has none (created, not yet seeded).
    public var lane: String?
    /// Its `WPStatusChanged` transitions, oldest first (Lamport order, else arrival order).
    public var transitions: [TeamspaceTransition]

    /// Creates a work package.
    public init(wpID: String, title: String? = nil, lane: String? = nil, transitions: [TeamspaceTransition] = []) {
        self.wpID = wpID
        self.title = title
        self.lane = lane
        self.transitions = transitions
    }

    enum CodingKeys: String, CodingKey {
        case wpID = "wp_id", title, lane, transitions
    }

    /// Encodes every field, absent ones as null.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(wpID, forKey: .wpID)
        try container.encode(title, forKey: .title)
        try container.encode(lane, forKey: .lane)
        try container.encode(transitions, forKey: .transitions)
    }
}
