import CanaryCore
import Foundation

/// Envelopes shaped like the ones spec-kitty 3.2.7 sends, for tests and benchmarks.
public enum SampleEnvelope {
    /// A `WPStatusChanged` envelope with every top-level key a conforming CLI sends.
    /// `extraTopLevel` adds keys beside them (e.g. `actor`, as rc13..rc16 did).
    public static func wpStatusChanged(
        eventID: String,
        projectUUID: String = "7966591b-7d89-4cf4-825b-7dc9cf26c74d",
        missionSlug: String = "canary-x-01M89NGS",
        wpID: String = "WP01",
        from: String = "in_review",
        to: String = "planned",
        force: Bool = false,
        lamportClock: Int64 = 1,
        extraTopLevel: [String: JSONValue] = [:]
    ) -> JSONValue {
        var payload: [String: JSONValue] = [
            "wp_id": .string(wpID), "from_lane": .string(from), "to_lane": .string(to), "actor": .string("claude"),
            "mission_slug": .string(missionSlug), "force": .bool(force), "review_ref": .null,
            "reason": force ? .string("backward rewind: \(from) -> \(to)") : .null, "execution_mode": .string("code_change"),
        ]
        payload["evidence"] = .null
        var envelope: [String: JSONValue] = [
            "admission_generation": .number(1), "aggregate_id": .string(wpID), "aggregate_type": .string("WorkPackage"),
            "binding_audience": .string("local-nonstrict:http://127.0.0.1"), "build_id": .string(""),
            "causation_id": .null, "correlation_id": .string(eventID), "drain_blocked_reason": .null,
            "event_id": .string(eventID), "event_type": .string("WPStatusChanged"), "git_branch": .string("feature/canary"),
            "head_commit_sha": .string("0123456789abcdef0123456789abcdef01234567"), "lamport_clock": .number(Double(lamportClock)),
            "node_id": .string("b805cd5cee74"), "payload": .object(sortingKeys: payload), "project_slug": .string("canary-project"),
            "project_uuid": .string(projectUUID), "repo_slug": .null, "schema_version": .string("3.0.0"),
            "spec_kitty_delivery_identity": .string(eventID), "team_slug": .null,
            "timestamp": .string("2026-05-19T11:17:05.000000+00:00"), "type": .string("event"),
        ]
        envelope.merge(extraTopLevel) { _, extra in extra }
        return .object(sortingKeys: envelope)
    }
}
