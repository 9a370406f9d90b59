import Foundation

/// The real probe: the operator endpoints of a server over HTTP (the hosted SaaS or the stand-in alike).
public struct HTTPSaaSProbe: SaaSProbe {
    /// The server's base URL.
    public let baseURL: String
    /// Path of a historical-rows digest endpoint answering `{"digest": "<hex>", "count": N}`; nil when the server has none.
    public let historicalDigestPath: String?
    private let fetcher: GateHTTPFetching

    /// Creates a probe of `baseURL`.
    public init(baseURL: String, historicalDigestPath: String? = nil, fetcher: GateHTTPFetching = URLSessionHTTPFetcher()) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.historicalDigestPath = historicalDigestPath
        self.fetcher = fetcher
    }

    /// `GET /health/`, which must be JSON.
    public func health() throws -> SaaSHealth {
        let (url, response) = try fetch("/health/")
        do {
            return try SaaSHealth.parse(httpStatus: response.status, body: response.body)
        } catch {
            throw SaaSProbeError.malformed(url: url, reason: "\(error)")
        }
    }

    /// `GET /health/ready/`; any status is a reading.
    public func readiness() throws -> SaaSReadiness {
        let (_, response) = try fetch("/health/ready/")
        return SaaSReadiness.parse(httpStatus: response.status, body: response.body)
    }

    /// Count from `/health/ready/`, digest from the digest endpoint when one is configured.
    public func historicalRows() throws -> HistoricalRowsSnapshot {
        let count = try readiness().drainQueue?.businessRuleRejectedCount
        guard let historicalDigestPath else { return HistoricalRowsSnapshot(count: count, digest: nil) }
        let (url, response) = try fetch(historicalDigestPath)
        struct Body: Decodable {
            let digest: String
            let count: Int?
        }
        guard response.status == 200, let body = try? JSONDecoder().decode(Body.self, from: response.body) else {
            throw SaaSProbeError.malformed(url: url, reason: "HTTP \(response.status), expected {\"digest\": ...}")
        }
        // The admin endpoint counts the rows themselves; prefer it over the readiness aggregate.
        return HistoricalRowsSnapshot(count: body.count ?? count, digest: body.digest)
    }

    private func fetch(_ path: String) throws -> (String, GateHTTPResponse) {
        let text = baseURL + (path.hasPrefix("/") ? path : "/" + path)
        guard let url = URL(string: text) else { throw SaaSProbeError.malformed(url: text, reason: "not a URL") }
        return (text, try fetcher.get(url))
    }
}
