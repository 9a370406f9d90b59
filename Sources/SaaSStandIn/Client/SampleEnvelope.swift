import CanaryCore
import Foundation

/// Envelopes shaped like the ones spec-kitty 3.2.7 sends, for tests and benchmarks.
public enum SampleEnvelope {
    /// A `WPStatusChanged` envelope with every top-level key a conforming CLI sends, and a
    /// payload that passes spec-kitty-events 6.1.0's `validate_event` (a forced rewind from
    /// `in_review` carries the `review_ref` the transition rules ask for, as 3.2.7's does).
    /// `extraTopLevel` adds keys beside them (e.g. `actor`, as rc13..rc16 did).
    public static func wpStatusChanged(
        eventID: String,
        projectUUID: String = "7966591b-7d89-4cf4-825b-7dc9cf26c74d",
        missionSlug: String = "canary-x-01M89NGS",
        wpID: String = "WP01",
        from: String = "planned",
        to: String = "claimed",
        force: Bool = false,
        lamportClock: Int64 = 1,
        extraTopLevel: [String: JSONValue] = [:]
    ) -> JSONValue {
        var payload: [String: JSONValue] = [
            "wp_id": .string(wpID), "from_lane": .string(from), "to_lane": .string(to), "actor": .string("claude"),
            "mission_slug": .string(missionSlug), "force": .bool(force),
            "review_ref": force ? .string("review-cycle://\(missionSlug)/\(wpID)/review-cycle-1.md") : .null,
            "reason": force ? .string("backward rewind: \(from) -> \(to)") : .null,
            // What 3.2.7 sends; the events contract allows only worktree or direct_repo.
            "execution_mode": .string("worktree"),
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

    /// A `BuildRegistered` envelope exactly as 3.2.7 sends it: the legacy wire payload
    /// (`build_id`, `node_id`, `branch`, `head_commit`, ...), which `validate_event` alone
    /// rejects and the hosted server accepts (see `ValidationAllowance`).
    public static func buildRegistered(
        eventID: String,
        projectUUID: String = "7966591b-7d89-4cf4-825b-7dc9cf26c74d",
        branch: JSONValue = .string("feature/canary"),
        lamportClock: Int64 = 1
    ) -> JSONValue {
        let buildID = "3ab1fa65-f36c-56c2-891e-2ded4d0a5e48", nodeID = "b805cd5cee74", head = "750e3970543f72313211727428a2964acf00d13b"
        let payload: [String: JSONValue] = [
            "branch": branch, "build_id": .string(buildID), "developer_name": .string("Canary"),
            "head_commit": .string(head), "machine_name": .string("vm"), "node_id": .string(nodeID),
            "project_name": .string("checkout"), "project_slug": .string("checkout"), "project_uuid": .string(projectUUID),
            "repo_slug": .null, "workspace_path": .string("/tmp/checkout"),
        ]
        return .object(sortingKeys: [
            "admission_generation": .number(1), "aggregate_id": .string(buildID), "aggregate_type": .string("Build"),
            "binding_audience": .string("local-nonstrict:http://127.0.0.1"), "build_id": .string(buildID),
            "causation_id": .null, "correlation_id": .string(eventID), "drain_blocked_reason": .null,
            "event_id": .string(eventID), "event_type": .string("BuildRegistered"), "git_branch": branch,
            "head_commit_sha": .string(head), "lamport_clock": .number(Double(lamportClock)), "node_id": .string(nodeID),
            "payload": .object(sortingKeys: payload), "project_slug": .string("checkout"), "project_uuid": .string(projectUUID),
            "repo_slug": .null, "schema_version": .string("3.0.0"), "spec_kitty_delivery_identity": .string(eventID),
            "team_slug": .string("team-user-1"), "timestamp": .string("2026-05-19T11:17:05.000000+00:00"), "type": .string("event"),
        ])
    }
}
