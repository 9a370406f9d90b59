import CanaryCore

/// What the CLI itself reports about the lifecycle's mission: the Teamspace must show the same.
struct CLIMissionReport: Equatable, Sendable {
    /// `project.uuid` of the checkout's `.kittify/config.yaml`.
    var projectUUID: String
    /// The mission slug `mission create` answered.
    var missionSlug: String
    /// `mission create --json`'s `mission_id`, when it gave one.
    var missionID: String?
    /// Whether `mission create` said it dropped events from publication
    /// ("Event did not durably queue"), so their absence upstream is the CLI's own report.
    var missionCreationDeclaredDrop: Bool
    /// `agent tasks status --json`: the lane of every work package.
    var lanes: [String: String]
    /// The CLI's status event log, per work package, oldest first; nil when the log was not found.
    var history: [String: [CLITransition]]?

    /// The text 3.2.7 prints when an event did not reach its outbox.
    static let dropWarning = "Event did not durably queue"

    /// Reads `agent tasks status --json`: the mission slug and each work package's lane.
    static func lanes(fromTasksStatus json: JSONValue?) throws -> (missionSlug: String, lanes: [String: String]) {
        guard let json, let slug = json["mission_slug"]?.stringValue, let packages = json["work_packages"]?.arrayValue else {
            throw TeamspaceMVPError.unreadableCLIOutput(source: "agent tasks status --json",
                                                        reason: "no mission_slug and work_packages list")
        }
        var lanes: [String: String] = [:]
        for package in packages {
            guard let id = package["id"]?.stringValue, let lane = package["lane"]?.stringValue else {
                throw TeamspaceMVPError.unreadableCLIOutput(source: "agent tasks status --json",
                                                            reason: "a work package without id and lane: \(package)")
            }
            lanes[id] = lane
        }
        return (slug, lanes)
    }
}
