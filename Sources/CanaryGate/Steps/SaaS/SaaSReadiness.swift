import CanaryCore
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
