/// The state of one intake row, the stand-in's model of the SaaS drain queue.
enum IntakeState: String, Sendable {
    /// Accepted and drained (the stand-in drains at once, whatever the answer said).
    case processed
    /// Rejected for a business rule: kept, never retried, never blocks readiness.
    case businessRuleRejected = "business_rule_rejected"
    /// Failed for infrastructure reasons: readiness answers 503 while any exist.
    case terminalFailed = "terminal_failed"
    /// Rejected, may drain later.
    case retryable

    /// The one mapping from a rejection's `error_category` to a drain state.
    static func forRejection(category: String) -> IntakeState {
        switch category {
        case "business_rule": return .businessRuleRejected
        case "infrastructure", "terminal_failed": return .terminalFailed
        default: return .retryable
        }
    }
}
