import CanaryCore
import Foundation

/// The server's `/health/` answer: what is deployed.
public struct SaaSHealth: Codable, Equatable, Sendable {
    /// The HTTP status.
    public let httpStatus: Int
    /// `status`, "ok" when healthy.
    public let status: String?
    /// `service`.
    public let service: String?
    /// `version`: the deployed image's version.
    public let version: String?
    /// `git_sha`: the deployed image's commit.
    public let gitSHA: String?
    /// `build_timestamp`.
    public let buildTimestamp: String?
    /// `spec_kitty_events`: the events package the server validates with.
    public let eventsVersion: String?
    /// `environment`.
    public let environment: String?

    /// Creates a reading.
    public init(
        httpStatus: Int, status: String?, service: String? = nil, version: String? = nil, gitSHA: String? = nil,
        buildTimestamp: String? = nil, eventsVersion: String?, environment: String? = nil
    ) {
        self.httpStatus = httpStatus
        self.status = status
        self.service = service
        self.version = version
        self.gitSHA = gitSHA
        self.buildTimestamp = buildTimestamp
        self.eventsVersion = eventsVersion
        self.environment = environment
    }

    /// Parses the body; fields that are missing stay nil for the preflight to judge.
    public static func parse(httpStatus: Int, body: Data) throws -> SaaSHealth {
        struct Body: Decodable {
            let status: String?
            let service: String?
            let version: String?
            let git_sha: String?
            let build_timestamp: String?
            let spec_kitty_events: String?
            let environment: String?
        }
        let decoded = try JSONDecoder().decode(Body.self, from: body)
        return SaaSHealth(
            httpStatus: httpStatus, status: decoded.status, service: decoded.service, version: decoded.version,
            gitSHA: decoded.git_sha, buildTimestamp: decoded.build_timestamp, eventsVersion: decoded.spec_kitty_events,
            environment: decoded.environment
        )
    }

    enum CodingKeys: String, CodingKey {
        case httpStatus = "http_status"
        case status, service, version
        case gitSHA = "git_sha"
        case buildTimestamp = "build_timestamp"
        case eventsVersion = "spec_kitty_events"
        case environment
    }
}
