import CanaryCore

/// The exceptions the hosted SaaS makes to `validate_event`: the ONE table of them, each
/// row with its evidence, so a strict stand-in never reds a CLI for what the real server
/// takes. A row adapts the envelope the way the server's adapter does; the adapted
/// envelope is then validated as usual (so the row waives nothing beyond its keys).
///
/// Not here, on purpose: extra TOP-LEVEL envelope keys. `validate_event` never looks at
/// them (it validates the envelope's cutover signal and its payload); refusing them is
/// the ingress rule of the `deployed-dev-2026-05` profile (`EnvelopeKeyAllowList`).
struct ValidationAllowance: Equatable, Sendable {
    /// The `event_type` the row applies to.
    var eventType: String
    /// Legacy payload keys renamed to their canonical names before validation.
    var renamedPayloadKeys: [String: String]
    /// Legacy payload keys the server takes and the canonical model does not know: dropped.
    var droppedPayloadKeys: Set<String>
    /// Why the real server accepts this, and where that is written down.
    var evidence: String

    /// The rows.
    static let table: [ValidationAllowance] = [
        ValidationAllowance(eventType: "BuildRegistered", renamedPayloadKeys: legacyBuildRenames,
                            droppedPayloadKeys: legacyBuildIdentityKeys, evidence: legacyBuildEvidence),
        ValidationAllowance(eventType: "BuildHeartbeat", renamedPayloadKeys: legacyBuildRenames,
                            droppedPayloadKeys: legacyBuildIdentityKeys, evidence: legacyBuildEvidence),
    ]

    /// The row for `envelope`'s event type, if any.
    static func row(for envelope: JSONValue) -> ValidationAllowance? {
        guard let eventType = envelope["event_type"]?.stringValue else { return nil }
        return table.first { $0.eventType == eventType }
    }

    /// `envelope` as the server's adapter hands it to `validate_event`: unchanged when no
    /// row applies. Pure.
    static func adapt(_ envelope: JSONValue) -> JSONValue {
        guard let row = row(for: envelope), let members = envelope.members,
              let payload = envelope["payload"]?.members else { return envelope }
        var canonical: [String: JSONValue] = [:]
        for (key, value) in payload where !row.droppedPayloadKeys.contains(key) {
            let name = row.renamedPayloadKeys[key] ?? key
            // The canonical model omits unset optionals; a legacy null means "unset".
            if row.renamedPayloadKeys[key] != nil, value == .null { continue }
            canonical[name] = value
        }
        return .object(members.map { $0.key == "payload" ? (key: "payload", value: .object(sortingKeys: canonical)) : $0 })
    }

    // MARK: - Evidence

    /// The legacy build-lifecycle wire payload: `EventEmitter._build_lifecycle_payload`
    /// (specify_cli/sync/emitter.py, spec-kitty-cli 3.2.7) minus the canonical `repo_slug`.
    private static let legacyBuildIdentityKeys: Set<String> = [
        "build_id", "node_id", "project_uuid", "project_slug", "project_name",
        "developer_name", "machine_name", "workspace_path",
    ]

    /// The CLI checks its legacy `branch`/`head_commit` through the canonical model under these names.
    private static let legacyBuildRenames = ["branch": "git_branch", "head_commit": "head_commit_sha"]

    private static let legacyBuildEvidence = """
        spec-kitty-cli 3.2.7, specify_cli/sync/emitter.py, EventEmitter.emit_build_registered \
        (and emit_build_heartbeat, "see emit_build_registered"): "The legacy payload shape \
        (build_id, node_id, project_uuid, ...) is preserved on the wire for SaaS materializer \
        compatibility until the Phase 3 SaaS adapter lands; canonical fields are additionally \
        validated through the model" (repo_slug, git_branch=branch, head_commit_sha=head_commit). \
        spec_kitty_events 6.1.0 BuildRegisteredPayload/BuildHeartbeatPayload forbid extra keys, so \
        validate_event answers "branch: Extra inputs are not permitted; build_id: ..." for every \
        BuildRegistered 3.2.7 sends (observed on a real 3.2.7 sync), while the hosted server \
        accepts them (saas-contract.md, "Strict consumer mode").
        """
}
