/// What the server holds for one scenario identity: the original harness's `saas_counts`.
public struct SaaSCounts: Codable, Equatable, Sendable {
    /// Business-rule rejections at batch intake.
    public var batchIntakeBusinessRuleRejected = 0
    /// Infrastructure terminal failures at batch intake.
    public var batchIntakeTerminalFailed = 0
    /// Events taken in through the batch endpoint.
    public var batchIntakeTotal = 0
    /// WPStatusChanged events whose payload carries `force: true`.
    public var forceRequiredTransitionCount = 0
    /// Distinct missions seen.
    public var missionCount = 0
    /// WPStatusChanged events.
    public var statusTransitionCount = 0
    /// All accepted sync events.
    public var syncEventCount = 0
    /// Distinct work packages seen.
    public var workPackageCount = 0
    /// Whether the numbers came from the server (false: the server offers no counts).
    public var available = false

    /// Creates zeroed, unavailable counts.
    public init() {}

    enum CodingKeys: String, CodingKey {
        case batchIntakeBusinessRuleRejected = "batch_intake_business_rule_rejected"
        case batchIntakeTerminalFailed = "batch_intake_terminal_failed"
        case batchIntakeTotal = "batch_intake_total"
        case forceRequiredTransitionCount = "force_required_transition_count"
        case missionCount = "mission_count"
        case statusTransitionCount = "status_transition_count"
        case syncEventCount = "sync_event_count"
        case workPackageCount = "work_package_count"
        case available
    }
}
