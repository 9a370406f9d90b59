import Foundation

/// The server's `/health/ready/` answer, kept whole for the evidence comment.
public struct SaaSReadiness: Codable, Equatable, Sendable {
    /// The HTTP status (200 ready, 503 not ready).
    public let httpStatus: Int
    /// `status`: "ready" or "not_ready".
    public let status: String?
    /// `dependencies.drain_queue`.
    public let drainQueue: DrainQueueCounts?
    /// The body as received, pretty-printed when it is JSON.
    public let snapshot: String

    /// Creates a reading.
    public init(httpStatus: Int, status: String?, drainQueue: DrainQueueCounts?, snapshot: String) {
        self.httpStatus = httpStatus
        self.status = status
        self.drainQueue = drainQueue
        self.snapshot = snapshot
    }

    /// Parses the body; a non-JSON body keeps nil fields and its raw text.
    public static func parse(httpStatus: Int, body: Data) -> SaaSReadiness {
        struct Body: Decodable {
            struct Dependencies: Decodable { let drain_queue: DrainQueueCounts? }
            let status: String?
            let dependencies: Dependencies?
        }
        let decoded = try? JSONDecoder().decode(Body.self, from: body)
        return SaaSReadiness(
            httpStatus: httpStatus, status: decoded?.status, drainQueue: decoded?.dependencies?.drain_queue,
            snapshot: prettyPrinted(body)
        )
    }

    private static func prettyPrinted(_ body: Data) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: body),
              let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        else { return String(decoding: body, as: UTF8.self) }
        return String(decoding: data, as: UTF8.self)
    }

    enum CodingKeys: String, CodingKey {
        case httpStatus = "http_status"
        case status
        case drainQueue = "drain_queue"
        case snapshot
    }
}

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
