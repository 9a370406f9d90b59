/// The fields of the original harness's `saas_counts`, computed from the stand-in's store.
///
/// How each is counted here (the hosted SaaS's own tables are not public):
/// - `batch_intake_total`: intake rows, one per distinct event id that reached batch ingest
///   (accepted or rejected; a duplicate adds none);
/// - `batch_intake_business_rule_rejected` / `batch_intake_terminal_failed`: intake rows
///   in those states (see `IntakeState`);
/// - `mission_count`: distinct mission slugs named by accepted envelopes
///   (`payload.mission_slug`, else `payload.namespace.mission_slug`);
/// - `work_package_count`: distinct (mission, `payload.wp_id`) pairs of accepted envelopes;
/// - `status_transition_count`: accepted `WPStatusChanged` envelopes;
/// - `force_required_transition_count`: those whose `payload.force` is `true`;
/// - `sync_event_count`: accepted envelopes.
public struct SaaSCounts: Codable, Equatable, Sendable {
    /// Intake rows.
    public var batchIntakeTotal: Int
    /// Intake rows rejected for a business rule.
    public var batchIntakeBusinessRuleRejected: Int
    /// Intake rows failed terminally (infrastructure).
    public var batchIntakeTerminalFailed: Int
    /// Distinct missions.
    public var missionCount: Int
    /// Distinct work packages.
    public var workPackageCount: Int
    /// Accepted `WPStatusChanged` envelopes.
    public var statusTransitionCount: Int
    /// Accepted `WPStatusChanged` envelopes with `payload.force == true`.
    public var forceRequiredTransitionCount: Int
    /// Accepted envelopes.
    public var syncEventCount: Int

    enum CodingKeys: String, CodingKey {
        case batchIntakeTotal = "batch_intake_total"
        case batchIntakeBusinessRuleRejected = "batch_intake_business_rule_rejected"
        case batchIntakeTerminalFailed = "batch_intake_terminal_failed"
        case missionCount = "mission_count"
        case workPackageCount = "work_package_count"
        case statusTransitionCount = "status_transition_count"
        case forceRequiredTransitionCount = "force_required_transition_count"
        case syncEventCount = "sync_event_count"
    }
}
