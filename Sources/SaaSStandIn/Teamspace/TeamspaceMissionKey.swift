/// Where a mission lives: a Teamspace tells missions apart by project and slug.
struct TeamspaceMissionKey: Hashable, Comparable, Sendable {
    /// The envelope's `project_uuid`.
    var projectUUID: String
    /// The mission's slug.
    var missionSlug: String

    static func < (lhs: TeamspaceMissionKey, rhs: TeamspaceMissionKey) -> Bool {
        (lhs.projectUUID, lhs.missionSlug) < (rhs.projectUUID, rhs.missionSlug)
    }
}
