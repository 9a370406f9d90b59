import CanaryCore
import Foundation

/// `dependencies.drain_queue` of `/health/ready/`.
public struct DrainQueueCounts: Codable, Equatable, Sendable {
    /// The drain's own status.
    public let status: String?
    /// Age of the oldest pending row.
    public let oldestPendingAgeSeconds: Double?
    /// Rows that will be retried.
    public let retryableCount: Int?
    /// Infrastructure failures that will not be retried; must be 0.
    public let terminalFailedCount: Int?
    /// Rows rejected by business rules (historical ones no one may touch).
    public let businessRuleRejectedCount: Int?

    /// Creates counts.
    public init(
        status: String? = nil, oldestPendingAgeSeconds: Double? = nil, retryableCount: Int? = nil,
        terminalFailedCount: Int?, businessRuleRejectedCount: Int?
    ) {
        self.status = status
        self.oldestPendingAgeSeconds = oldestPendingAgeSeconds
        self.retryableCount = retryableCount
        self.terminalFailedCount = terminalFailedCount
        self.businessRuleRejectedCount = businessRuleRejectedCount
    }

    enum CodingKeys: String, CodingKey {
        case status
        case oldestPendingAgeSeconds = "oldest_pending_age_seconds"
        case retryableCount = "retryable_count"
        case terminalFailedCount = "terminal_failed_count"
        case businessRuleRejectedCount = "business_rule_rejected_count"
    }
}
