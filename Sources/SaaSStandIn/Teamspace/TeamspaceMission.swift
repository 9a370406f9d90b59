/// A mission as a Teamspace shows it: where it lives and its work packages.
public struct TeamspaceMission: Codable, Equatable, Sendable {
    /// `payload.mission_slug` (or `payload.namespace.mission_slug` for dossier events).
    public var missionSlug: String
    /// The envelopes' `project_uuid`.
    public var projectUUID: String
    /// `payload.mission_id` of its `MissionCreated`; nil while none arrived.
    public var missionID: String?
    /// `payload.mission_type` of its `MissionCreated`, if any.
    public var missionType: String?
    /// The distinct event types that named this mission, sorted: how it came to be known.
    public var eventTypes: [String]
    /// Work packages, ordered by id.
    public var workPackages: [TeamspaceWorkPackage]

    /// Creates a mission.
    public init(missionSlug: String, projectUUID: String, missionID: String? = nil, missionType: String? = nil,
                eventTypes: [String] = [], workPackages: [TeamspaceWorkPackage] = []) {
        self.missionSlug = missionSlug
        self.projectUUID = projectUUID
        self.missionID = missionID
        self.missionType = missionType
        self.eventTypes = eventTypes
        self.workPackages = workPackages
    }

    /// The work package `id`, if the mission has it.
    public func workPackage(_ id: String) -> TeamspaceWorkPackage? {
        workPackages.first { $0.wpID == id }
    }

    enum CodingKeys: String, CodingKey {
        case missionSlug = "mission_slug", projectUUID = "project_uuid", missionID = "mission_id"
        case missionType = "mission_type", eventTypes = "event_types", workPackages = "work_packages"
    }

    /// Encodes every field, absent ones as null.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(missionSlug, forKey: .missionSlug)
        try container.encode(projectUUID, forKey: .projectUUID)
        try container.encode(missionID, forKey: .missionID)
        try container.encode(missionType, forKey: .missionType)
        try container.encode(eventTypes, forKey: .eventTypes)
        try container.encode(workPackages, forKey: .workPackages)
    }
}
