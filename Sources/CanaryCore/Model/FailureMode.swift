/// Why a scenario failed: the stable identifiers of `scenarios.md`.
///
/// The raw values are part of the evidence format; never rename one.
public enum FailureMode: String, CaseIterable, Codable, Sendable {
    case saasNotReady = "saas.not_ready"
    case authLoginFailed = "auth.login_failed"
    case cliCommandFailed = "cli.command_failed"
    case cliTimeout = "cli.timeout"
    case boundaryStatusUnparseable = "boundary.status_unparseable"
    case syncTeamspaceMigrationRequired = "sync.teamspace_migration_required"
    case syncEventLoopUnavailable = "sync.event_loop_unavailable"
    case cliUnsupported = "cli.unsupported"
    case syncRejectedBySaaS = "sync.rejected_by_saas"
    case boundaryRefusalMissing = "boundary.refusal_missing"
    case boundaryDeliveredDuringRefusal = "boundary.delivered_during_refusal"
    case boundaryFieldsUnnamed = "boundary.fields_unnamed"
    case boundaryForeignRowsLeaked = "boundary.foreign_rows_leaked"
    case boundaryCredentialCrossed = "boundary.credential_crossed"
    case harnessHostNotIsolated = "harness.host_not_isolated"
    case queueRollbackRowMissing = "queue.rollback_row_missing"
    case contractForceReasonMissing = "contract.force_reason_missing"
    case saasNotMaterialized = "saas.not_materialized"
    case harnessError = "harness.error"
}
