import CanaryCore
import Foundation
@testable import SaaSStandIn

/// Envelopes shaped like spec-kitty 3.2.7's, for the Teamspace projection's tests.
enum TeamspaceFixtures {
    static let project = "dbc0ca29-66c9-468a-8699-32ac99e20b88"
    static let mission = "teamspace-mvp-01M89RE0"

    /// The lanes a 3.2.7 lifecycle walks WP01 through, ending in the review rollback.
    static let lifecycle: [(from: String, to: String)] = [
        ("genesis", "planned"), ("planned", "claimed"), ("claimed", "in_progress"),
        ("in_progress", "for_review"), ("for_review", "in_review"), ("in_review", "planned"),
    ]

    /// `WPStatusChanged` events for `lanes`, Lamport clocks 10, 20, ...; the rollback is forced with a reason.
    static func transitions(_ lanes: [(from: String, to: String)] = lifecycle, wpID: String = "WP01",
                            project: String = project) -> [JSONValue] {
        lanes.enumerated().map { index, lanes in
            let backward = lanes == ("in_review", "planned")
            return SampleEnvelope.wpStatusChanged(eventID: "status-\(wpID)-\(index)", projectUUID: project, missionSlug: mission,
                                                  wpID: wpID, from: lanes.from, to: lanes.to, force: backward,
                                                  lamportClock: Int64(10 * (index + 1)))
        }
    }

    static func missionCreated(eventID: String = "mission-created", missionID: String = "01M89RE0CA178X4P0HN542N5JJ",
                               project: String = project) -> JSONValue {
        envelope(eventID: eventID, type: "MissionCreated", aggregate: ("Mission", missionID), project: project, payload: [
            "mission_id": .string(missionID), "mission_slug": .string(mission), "mission_type": .string("software-dev"),
            "friendly_name": .string("teamspace mvp"),
        ])
    }

    static func workPackageCreated(eventID: String = "wp-created", wpID: String = "WP01") -> JSONValue {
        envelope(eventID: eventID, type: "WPCreated", aggregate: ("WorkPackage", wpID), payload: [
            "wp_id": .string(wpID), "mission_slug": .string(mission), "wp_title": .string("Teamspace lifecycle"),
            "depends_on": .array([]), "actor": .string("spec-kitty agent mission finalize-tasks"),
        ])
    }

    static func dossierIndexed(eventID: String = "dossier-1", missionSlug: JSONValue = .string(mission)) -> JSONValue {
        envelope(eventID: eventID, type: "MissionDossierArtifactIndexed", aggregate: ("MissionDossier", "\(mission):spec.md"), payload: [
            "artifact_id": .object(sortingKeys: ["path": .string("spec.md")]),
            "namespace": .object(sortingKeys: ["mission_slug": missionSlug, "project_uuid": .string(project)]),
        ])
    }

    static func buildRegistered(eventID: String = "build-1") -> JSONValue {
        envelope(eventID: eventID, type: "BuildRegistered", aggregate: ("Build", "b"), payload: ["build_id": .string("b")])
    }

    static func historyAdded(eventID: String = "history-1") -> JSONValue {
        envelope(eventID: eventID, type: "HistoryAdded", aggregate: ("WorkPackage", "WP01"), payload: [
            "wp_id": .string("WP01"), "entry_type": .string("note"), "entry_content": .string("T001 done"),
        ])
    }

    /// An envelope with the 3.2.7 top-level keys that matter here.
    static func envelope(eventID: String, type: String, aggregate: (type: String, id: String), project: String = project,
                         lamportClock: Int = 1, payload: [String: JSONValue]) -> JSONValue {
        .object(sortingKeys: [
            "event_id": .string(eventID), "event_type": .string(type), "aggregate_type": .string(aggregate.type),
            "aggregate_id": .string(aggregate.id), "project_uuid": .string(project), "lamport_clock": .number(Double(lamportClock)),
            "causation_id": .string("local-\(eventID)"), "timestamp": .string("2026-11-25T16:26:35.712334+00:00"),
            "payload": .object(sortingKeys: payload),
        ])
    }

    /// `json` as the store would list it: accepted for `account`, received in order.
    static func accepted(_ envelopes: [JSONValue], account: String = "user-1") -> [StandInEnvelope] {
        envelopes.enumerated().map { index, json in
            let facts = EnvelopeFacts(json)
            return StandInEnvelope(eventID: facts.eventID ?? "", eventType: facts.eventType, account: account,
                                   projectUUID: facts.projectUUID, aggregateType: facts.aggregateType, aggregateID: facts.aggregateID,
                                   status: "success", receivedAt: "2026-11-25T16:27:\(String(format: "%02d", index % 60)).000Z", envelope: json)
        }
    }

    /// `json` with `payload.<key>` replaced by `value` (nil removes it).
    static func settingPayload(_ json: JSONValue, _ key: String, to value: JSONValue?) -> JSONValue {
        var envelope = json.objectDictionary ?? [:]
        var payload = envelope["payload"]?.objectDictionary ?? [:]
        payload[key] = value
        envelope["payload"] = .object(sortingKeys: payload)
        return .object(sortingKeys: envelope)
    }

    /// `json` with top-level `key` replaced by `value` (nil removes it).
    static func setting(_ json: JSONValue, _ key: String, to value: JSONValue?) -> JSONValue {
        var envelope = json.objectDictionary ?? [:]
        envelope[key] = value
        return .object(sortingKeys: envelope)
    }
}
