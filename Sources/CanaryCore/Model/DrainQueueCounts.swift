import Foundation

/// `dependencies.drain_queue` of `/health/ready/`: what the stand-in serves and the gate reads.
///
/// Every field is optional because the gate reads deployed servers that may
/// leave one out; the stand-in always fills them.
public struct DrainQueueCounts: Codable, Equatable, Sendable {
    /// `ok`, or `terminal_failed` when infrastructure failures block readiness.
    public let status: String?
    /// Age of the oldest retryable row, nil when there is none.
    public let oldestPendingAgeSeconds: Double?
    /// Rows that may still drain.
    public let retryableCount: Int?
    /// Rows failed for infrastructure reasons; readiness needs 0.
    public let terminalFailedCount: Int?
    /// Rows rejected for a business rule, the historical ones no one may touch included.
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

    /// Ready only when the count of terminal failures is known to be 0.
    public var isReady: Bool { terminalFailedCount == 0 }

    /// Encodes every field, an absent one as null, because the deployed server sends
    /// `oldest_pending_age_seconds: null` when nothing is pending and clients key on its presence.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(status, forKey: .status)
        try container.encode(oldestPendingAgeSeconds, forKey: .oldestPendingAgeSeconds)
        try container.encode(retryableCount, forKey: .retryableCount)
        try container.encode(terminalFailedCount, forKey: .terminalFailedCount)
        try container.encode(businessRuleRejectedCount, forKey: .businessRuleRejectedCount)
    }
}
