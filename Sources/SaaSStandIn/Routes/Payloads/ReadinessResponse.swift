import CanaryCore

/// The `GET /health/ready/` answer.
struct ReadinessResponse: Encodable {
    /// The checked dependencies.
    struct Dependencies: Encodable {
        var database: [String: String]
        var drainQueue: DrainQueueCounts?

        enum CodingKeys: String, CodingKey { case database, drainQueue = "drain_queue" }
    }

    var status: String
    var dependencies: Dependencies
}
