import CanaryCore

/// The operator endpoints release engineers read: `/health/` and `/health/ready/`.
extension StandInService {
    func health() -> HTTPResponse {
        .json(200, HealthResponse(status: "ok", service: "spec-kitty-saas-standin", version: HarnessVersion.current,
                                  gitSHA: "standin", buildTimestamp: startedAt,
                                  specKittyEvents: payloadValidator?.eventsVersion ?? configuration.specKittyEventsVersion,
                                  environment: "standin-\(configuration.profile.rawValue)\(payloadValidator == nil ? "" : "+validate-payloads")"))
    }

    /// 200 `ready` unless infrastructure terminal failures exist (or the store is unreadable): 503 `not_ready`.
    func readiness() -> HTTPResponse {
        do {
            let drain = try store.drainQueue()
            let body = ReadinessResponse(status: drain.isReady ? "ready" : "not_ready",
                                         dependencies: .init(database: ["status": "ok"], drainQueue: drain))
            return .json(drain.isReady ? 200 : 503, body)
        } catch {
            return .json(503, ReadinessResponse(status: "not_ready",
                                                dependencies: .init(database: ["status": "error", "error": "\(error)"], drainQueue: nil)))
        }
    }
}
