import CanaryCore
import Foundation

/// What one accepted envelope contributes to a Teamspace. Pure.
///
/// The event types a Teamspace consumes must carry the fields it places them by;
/// `read` throws, naming the field, rather than guessing, so the projection can
/// report the envelope instead of silently leaving it out.
enum TeamspaceEvent: Equatable {
    /// `MissionCreated`: the mission's own identity.
    case missionCreated(TeamspaceMissionKey, missionID: String, missionType: String?)
    /// Another event that names a mission (dossier and phase events).
    case missionNamed(TeamspaceMissionKey)
    /// `WPCreated`: a work package exists, not yet in a lane.
    case workPackageCreated(TeamspaceMissionKey, wpID: String, title: String?)
    /// `WPStatusChanged`: a work package changed lanes.
    case statusChanged(TeamspaceMissionKey, wpID: String, TeamspaceTransition)
    /// Nothing a Teamspace shows (e.g. `BuildRegistered`, or `HistoryAdded`, which names no mission).
    case unrelated

    /// Aggregates whose events always belong to a mission, so they must name one.
    private static let missionAggregates: Set<String> = ["Mission", "MissionDossier"]

    /// Reads `envelope` (as accepted at `receivedAt`); throws `TeamspaceFieldError` when a
    /// consumed event lacks a field it is placed by.
    static func read(_ envelope: JSONValue, receivedAt: String) throws -> TeamspaceEvent {
        let eventType = try requiredString(envelope["event_type"], "event_type")
        let payload = envelope["payload"]
        switch eventType {
        case "MissionCreated":
            let payload = try object(payload)
            return .missionCreated(try missionKey(envelope, slug: try requiredString(payload["mission_slug"], "payload.mission_slug")),
                                   missionID: try requiredString(payload["mission_id"], "payload.mission_id"),
                                   missionType: try optionalString(payload["mission_type"], "payload.mission_type"))
        case "WPCreated":
            let payload = try object(payload)
            return .workPackageCreated(try missionKey(envelope, slug: try requiredString(payload["mission_slug"], "payload.mission_slug")),
                                       wpID: try requiredString(payload["wp_id"], "payload.wp_id"),
                                       title: try optionalString(payload["wp_title"], "payload.wp_title"))
        case "WPStatusChanged":
            return try statusChanged(envelope, payload: try object(payload), receivedAt: receivedAt)
        default:
            let slug = try optionalString(payload?["mission_slug"], "payload.mission_slug")
                ?? optionalString(payload?["namespace"]?["mission_slug"], "payload.namespace.mission_slug")
            let aggregate = envelope["aggregate_type"]?.stringValue ?? ""
            if let slug, !slug.isEmpty { return .missionNamed(try missionKey(envelope, slug: slug)) }
            if missionAggregates.contains(aggregate) { throw TeamspaceFieldError.missing(field: "payload.mission_slug") }
            return .unrelated
        }
    }

    private static func statusChanged(_ envelope: JSONValue, payload: JSONValue, receivedAt: String) throws -> TeamspaceEvent {
        let key = try missionKey(envelope, slug: try requiredString(payload["mission_slug"], "payload.mission_slug"))
        let wpID = try requiredString(payload["wp_id"], "payload.wp_id")
        guard let forceValue = payload["force"], forceValue != .null else { throw TeamspaceFieldError.missing(field: "payload.force") }
        guard let force = forceValue.boolValue else { throw TeamspaceFieldError.malformed(field: "payload.force", expected: "true or false") }
        let reason = try optionalString(payload["reason"], "payload.reason")
        // A forced move is only legible with its reason: that is the contract rollbacks are checked by.
        if force, (reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw TeamspaceFieldError.contract("payload.force is true but payload.reason is empty")
        }
        let transition = TeamspaceTransition(
            eventID: try requiredString(envelope["event_id"], "event_id"),
            causationID: try optionalString(envelope["causation_id"], "causation_id"),
            fromLane: try requiredString(payload["from_lane"], "payload.from_lane"),
            toLane: try requiredString(payload["to_lane"], "payload.to_lane"),
            force: force, reason: reason, actor: payload["actor"].flatMap { $0 == .null ? nil : $0 },
            reviewRef: try optionalString(payload["review_ref"], "payload.review_ref"),
            timestamp: try optionalString(envelope["timestamp"], "timestamp"),
            lamportClock: try lamportClock(envelope["lamport_clock"]), receivedAt: receivedAt)
        return .statusChanged(key, wpID: wpID, transition)
    }

    // MARK: Field readers

    private static func missionKey(_ envelope: JSONValue, slug: String) throws -> TeamspaceMissionKey {
        TeamspaceMissionKey(projectUUID: try requiredString(envelope["project_uuid"], "project_uuid"), missionSlug: slug)
    }

    private static func object(_ payload: JSONValue?) throws -> JSONValue {
        guard let payload, payload != .null else { throw TeamspaceFieldError.missing(field: "payload") }
        guard payload.members != nil else { throw TeamspaceFieldError.malformed(field: "payload", expected: "an object") }
        return payload
    }

    private static func requiredString(_ value: JSONValue?, _ field: String) throws -> String {
        guard let value, value != .null else { throw TeamspaceFieldError.missing(field: field) }
        guard let text = value.stringValue, !text.isEmpty else {
            throw TeamspaceFieldError.malformed(field: field, expected: "a non-empty string")
        }
        return text
    }

    private static func optionalString(_ value: JSONValue?, _ field: String) throws -> String? {
        guard let value, value != .null else { return nil }
        guard let text = value.stringValue else { throw TeamspaceFieldError.malformed(field: field, expected: "a string or null") }
        return text
    }

    private static func lamportClock(_ value: JSONValue?) throws -> Int? {
        guard let value, value != .null else { return nil }
        guard let number = value.doubleValue, number >= 0, number == number.rounded(), number < 9e15 else {
            throw TeamspaceFieldError.malformed(field: "lamport_clock", expected: "a non-negative integer")
        }
        return Int(number)
    }
}
