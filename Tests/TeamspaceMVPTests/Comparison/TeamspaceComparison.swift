import SaaSStandIn

/// Compares what the CLI reports with what the Teamspace shows. Pure.
///
/// The CLI is the reference: every lane it reports and every transition in its own
/// status log must be on the Teamspace, linked by `causation_id` where the envelopes
/// carry it (3.2.x), else by lanes; every event the Teamspace could not use is a
/// failure, because on a fresh account each of them is this CLI's.
enum TeamspaceComparison {
    /// The verdict for `cli` against `teamspace` (the lifecycle account's).
    static func compare(_ cli: CLIMissionReport, with teamspace: StandInTeamspace) -> TeamspaceVerdict {
        var verdict = TeamspaceVerdict()
        for problem in teamspace.problems {
            verdict.failures.append("the Teamspace could not use \(problem.eventType ?? "an event without event_type") "
                + "\(problem.eventID.isEmpty ? "(no event_id)" : problem.eventID): \(problem.reason)")
        }
        guard let mission = teamspace.mission(slug: cli.missionSlug, projectUUID: cli.projectUUID) else {
            let shown = teamspace.missions.map { "\($0.missionSlug) in project \($0.projectUUID)" }
            verdict.failures.append("mission \(cli.missionSlug) of project \(cli.projectUUID) is not on the Teamspace: no event naming it arrived"
                + (shown.isEmpty ? "" : " (it shows \(shown.joined(separator: ", ")))"))
            return verdict
        }
        checkIdentity(of: mission, against: cli, into: &verdict)
        for (wpID, lane) in cli.lanes.sorted(by: { $0.key < $1.key }) {
            guard let workPackage = mission.workPackage(wpID) else {
                verdict.failures.append("\(wpID) (lane '\(lane)' in the CLI) is not on the Teamspace: none of its WPStatusChanged events arrived")
                continue
            }
            if let history = cli.history {
                checkHistory(history[wpID] ?? [], against: workPackage, into: &verdict)
            }
            if workPackage.lane != lane {
                let last = workPackage.transitions.last.map { " (its last WPStatusChanged there is \($0.eventID), \($0.fromLane) -> \($0.toLane))" } ?? ""
                verdict.failures.append("\(wpID) stands in '\(workPackage.lane ?? "no lane")' on the Teamspace but the CLI reports '\(lane)'\(last)")
            }
        }
        for workPackage in mission.workPackages where cli.lanes[workPackage.wpID] == nil {
            verdict.failures.append("the Teamspace shows \(workPackage.wpID) (lane '\(workPackage.lane ?? "none")'), which the CLI does not report")
        }
        if cli.history == nil {
            verdict.notes.append("the CLI's status event log was not found: transitions were checked through the lanes only")
        }
        return verdict
    }

    private static func checkIdentity(of mission: TeamspaceMission, against cli: CLIMissionReport, into verdict: inout TeamspaceVerdict) {
        guard let expected = cli.missionID else { return }
        switch mission.missionID {
        case expected?:
            break
        case let other?:
            verdict.failures.append("the Teamspace's MissionCreated names mission_id \(other) but the CLI created \(expected)")
        case nil where cli.missionCreationDeclaredDrop:
            verdict.notes.append("MissionCreated (mission_id \(expected)) never reached the Teamspace; `mission create` said so itself "
                + "(\"\(CLIMissionReport.dropWarning)\"), and the mission shows through \(mission.eventTypes.joined(separator: ", "))")
        case nil:
            verdict.failures.append("MissionCreated (mission_id \(expected)) never reached the Teamspace, and `mission create` did not say it dropped it")
        }
    }

    /// Pairs each CLI transition with one on the Teamspace: by causation id, else the first unused one with the same lanes.
    private static func checkHistory(_ history: [CLITransition], against workPackage: TeamspaceWorkPackage, into verdict: inout TeamspaceVerdict) {
        var unused = workPackage.transitions
        for local in history {
            let index = unused.firstIndex { $0.causationID == local.eventID }
                ?? unused.firstIndex { $0.fromLane == local.fromLane && $0.toLane == local.toLane }
            guard let index else {
                verdict.failures.append("the CLI recorded \(local.summary) but no WPStatusChanged for it reached the Teamspace")
                continue
            }
            let remote = unused.remove(at: index)
            if remote.fromLane != local.fromLane || remote.toLane != local.toLane || remote.force != local.force {
                verdict.failures.append("WPStatusChanged \(remote.eventID) for the CLI's \(local.summary) arrived as "
                    + "\(remote.fromLane) -> \(remote.toLane) force=\(remote.force); the CLI recorded force=\(local.force)")
            }
        }
        for remote in unused {
            verdict.failures.append("the Teamspace has WPStatusChanged \(remote.eventID) (\(workPackage.wpID) \(remote.fromLane) -> \(remote.toLane)) "
                + "that the CLI's status log does not record")
        }
    }
}
