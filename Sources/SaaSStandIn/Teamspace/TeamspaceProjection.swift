/// Folds one account's accepted envelopes into its Teamspace. Pure: the same envelopes,
/// in the same order, always give the same answer.
///
/// Missions are keyed by project uuid and slug and become known through any event that
/// names them, so a mission whose `MissionCreated` never arrived still shows, with a nil
/// `mission_id`. A work package's lane is the `to_lane` of its latest transition. Nothing
/// the projection needs is dropped quietly: an envelope it cannot place, or a transition
/// that does not start where the previous one ended, becomes a `TeamspaceProblem`.
public enum TeamspaceProjection {
    /// The Teamspace of `account` from its `envelopes`, oldest first (as the store lists them).
    public static func project(_ envelopes: [StandInEnvelope], account: String) -> StandInTeamspace {
        var missions: [TeamspaceMissionKey: MissionDraft] = [:]
        var problems: [(arrival: Int, problem: TeamspaceProblem)] = []
        var ignored: [String: Int] = [:]

        for (arrival, accepted) in envelopes.enumerated() {
            func problem(_ reason: String) {
                problems.append((arrival, TeamspaceProblem(eventID: accepted.eventID, eventType: accepted.eventType, reason: reason)))
            }
            let event: TeamspaceEvent
            do {
                event = try TeamspaceEvent.read(accepted.envelope, receivedAt: accepted.receivedAt)
            } catch {
                problem("\(error)")
                continue
            }
            let eventType = accepted.eventType ?? ""
            switch event {
            case let .missionCreated(key, missionID, missionType):
                missions[key, default: MissionDraft()].eventTypes.insert(eventType)
                if let known = missions[key]?.missionID, known != missionID {
                    problem("payload.mission_id '\(missionID)' conflicts with the mission's earlier MissionCreated ('\(known)')")
                    continue
                }
                missions[key]?.missionID = missionID
                missions[key]?.missionType = missionType
            case let .missionNamed(key):
                missions[key, default: MissionDraft()].eventTypes.insert(eventType)
            case let .workPackageCreated(key, wpID, title):
                missions[key, default: MissionDraft()].eventTypes.insert(eventType)
                missions[key]?.workPackages[wpID, default: WorkPackageDraft()].title = title
            case let .statusChanged(key, wpID, transition):
                missions[key, default: MissionDraft()].eventTypes.insert(eventType)
                missions[key]?.workPackages[wpID, default: WorkPackageDraft()].transitions.append((arrival, transition))
            case .unrelated:
                ignored[eventType.isEmpty ? "(none)" : eventType, default: 0] += 1
            }
        }

        let projected = missions.sorted { $0.key < $1.key }.map { key, draft -> TeamspaceMission in
            let workPackages = draft.workPackages.sorted { $0.key < $1.key }.map { wpID, workPackage -> TeamspaceWorkPackage in
                let ordered = ordered(workPackage.transitions)
                for (previous, next) in zip(ordered, ordered.dropFirst()) where next.transition.fromLane != previous.transition.toLane {
                    problems.append((next.arrival, TeamspaceProblem(
                        eventID: next.transition.eventID, eventType: "WPStatusChanged",
                        reason: "\(wpID) of \(key.missionSlug) moves from '\(next.transition.fromLane)' but its previous transition "
                            + "(\(previous.transition.eventID)) ended in '\(previous.transition.toLane)': a transition in between is missing")))
                }
                let transitions = ordered.map(\.transition)
                return TeamspaceWorkPackage(wpID: wpID, title: workPackage.title, lane: transitions.last?.toLane, transitions: transitions)
            }
            return TeamspaceMission(missionSlug: key.missionSlug, projectUUID: key.projectUUID, missionID: draft.missionID,
                                    missionType: draft.missionType, eventTypes: draft.eventTypes.sorted(), workPackages: workPackages)
        }
        // Stable by arrival, so a gap found while ordering sits beside the envelope it names.
        let orderedProblems = problems.enumerated()
            .sorted { ($0.element.arrival, $0.offset) < ($1.element.arrival, $1.offset) }
            .map(\.element.problem)
        return StandInTeamspace(account: account, missions: projected, problems: orderedProblems,
                                eventCount: envelopes.count, ignoredEventTypes: ignored)
    }

    /// Lamport order when every transition has a clock (the CLI's own order, whatever the
    /// batching), else arrival order; ties keep arrival order.
    private static func ordered(_ transitions: [(arrival: Int, transition: TeamspaceTransition)])
        -> [(arrival: Int, transition: TeamspaceTransition)] {
        guard transitions.allSatisfy({ $0.transition.lamportClock != nil }) else { return transitions }
        return transitions.sorted { ($0.transition.lamportClock ?? 0, $0.arrival) < ($1.transition.lamportClock ?? 0, $1.arrival) }
    }

    private struct MissionDraft {
        var missionID: String?
        var missionType: String?
        var eventTypes: Set<String> = []
        var workPackages: [String: WorkPackageDraft] = [:]
    }

    private struct WorkPackageDraft {
        var title: String?
        var transitions: [(arrival: Int, transition: TeamspaceTransition)] = []
    }
}
