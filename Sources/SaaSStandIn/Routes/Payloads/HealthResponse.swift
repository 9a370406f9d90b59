/// The `GET /health/` answer, shaped like the hosted server's.
struct HealthResponse: Encodable {
    var status: String
    var service: String
    var version: String
    var gitSHA: String
    var buildTimestamp: String
    var specKittyEvents: String
    var environment: String

    enum CodingKeys: String, CodingKey {
        case status, service, version, gitSHA = "git_sha", buildTimestamp = "build_timestamp"
        case specKittyEvents = "spec_kitty_events", environment
    }
}
