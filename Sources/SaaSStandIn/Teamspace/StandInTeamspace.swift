/// One account's Teamspace as the stand-in projects it from the envelopes it accepted:
/// the answer of `GET /__standin__/teamspace?account=`.
///
/// Computed on every request from the stored envelopes (`TeamspaceProjection`), so it
/// survives restarts and can never drift from the witness it is derived from.
public struct StandInTeamspace: Codable, Equatable, Sendable {
    /// The account whose envelopes were projected.
    public var account: String
    /// Missions, ordered by project uuid, then mission slug.
    public var missions: [TeamspaceMission]
    /// Envelopes the projection needed but could not use, in arrival order.
    public var problems: [TeamspaceProblem]
    /// How many accepted envelopes were read.
    public var eventCount: Int
    /// Event types that carry nothing a Teamspace shows (e.g. `BuildRegistered`), with their counts.
    public var ignoredEventTypes: [String: Int]

    /// Creates a Teamspace answer.
    public init(account: String, missions: [TeamspaceMission] = [], problems: [TeamspaceProblem] = [],
                eventCount: Int = 0, ignoredEventTypes: [String: Int] = [:]) {
        self.account = account
        self.missions = missions
        self.problems = problems
        self.eventCount = eventCount
        self.ignoredEventTypes = ignoredEventTypes
    }

    /// The mission with `slug` (in `projectUUID` when given).
    public func mission(slug: String, projectUUID: String? = nil) -> TeamspaceMission? {
        missions.first { $0.missionSlug == slug && (projectUUID == nil || $0.projectUUID == projectUUID) }
    }

    enum CodingKeys: String, CodingKey {
        case account, missions, problems, eventCount = "event_count", ignoredEventTypes = "ignored_event_types"
    }
}
