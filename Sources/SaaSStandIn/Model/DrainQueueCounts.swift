/// The `drain_queue` dependency of `/health/ready/`, read from the intake rows.
public struct DrainQueueCounts: Codable, Equatable, Sendable {
    /// `ok`, or `terminal_failed` when infrastructure failures block readiness.
    public var status: String
    /// Age of the oldest retryable row, nil when there is none.
    public var oldestPendingAgeSeconds: Double?
    /// Rows that may still drain.
    public var retryableCount: Int
    /// Rows failed for infrastructure reasons; readiness needs 0.
    public var terminalFailedCount: Int
    /// Rows rejected for a business rule, the historical ones included.
    public var businessRuleRejectedCount: Int

    enum CodingKeys: String, CodingKey {
        case status
        case oldestPendingAgeSeconds = "oldest_pending_age_seconds"
        case retryableCount = "retryable_count"
        case terminalFailedCount = "terminal_failed_count"
        case businessRuleRejectedCount = "business_rule_rejected_count"
    }

    /// Whether the stand-in reports itself ready.
    public var isReady: Bool { terminalFailedCount == 0 }

    /// Encodes every field, `oldest_pending_age_seconds` as null when nothing is pending.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(status, forKey: .status)
        try container.encode(oldestPendingAgeSeconds, forKey: .oldestPendingAgeSeconds)
        try container.encode(retryableCount, forKey: .retryableCount)
        try container.encode(terminalFailedCount, forKey: .terminalFailedCount)
        try container.encode(businessRuleRejectedCount, forKey: .businessRuleRejectedCount)
    }
}
