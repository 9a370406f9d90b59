import CanaryCore
/// The top-level envelope keys strict ingress accepts: the ONE place they are listed.
///
/// Evidence: the keys conforming CLIs send (saas-contract.md, "Behaviour profiles"),
/// matching what 3.2.7 sends (every envelope of a real `sync now` was checked). rc13..rc16
/// copied `actor` and the lane fields to the top level and the hosted dev server refused
/// those batches whole (#1188); this list is what reproduces that refusal.
enum EnvelopeKeyAllowList {
    /// The allowed keys.
    static let keys: Set<String> = [
        "admission_generation", "aggregate_id", "aggregate_type", "binding_audience", "build_id",
        "causation_id", "correlation_id", "drain_blocked_reason", "event_id", "event_type",
        "git_branch", "head_commit_sha", "lamport_clock", "node_id", "payload", "project_slug",
        "project_uuid", "repo_slug", "schema_version", "spec_kitty_delivery_identity", "team_slug",
        "timestamp", "type",
    ]

    /// The keys of `envelope` outside the list, sorted (the CLI sends sorted keys, and
    /// jsonschema names extras in instance order).
    static func unexpectedKeys(in envelope: JSONValue) -> [String] {
        guard let members = envelope.members else { return [] }
        return members.map(\.key).filter { !keys.contains($0) }.sorted()
    }

    /// jsonschema's `additionalProperties` message for the first offending envelope, if any.
    static func violation(in envelopes: [JSONValue]) -> String? {
        for envelope in envelopes {
            let extras = unexpectedKeys(in: envelope)
            guard !extras.isEmpty else { continue }
            let names = extras.map { "'\($0)'" }.joined(separator: ", ")
            return "Additional properties are not allowed (\(names) \(extras.count == 1 ? "was" : "were") unexpected)"
        }
        return nil
    }
}
