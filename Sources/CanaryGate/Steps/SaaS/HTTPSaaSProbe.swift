import CanaryCore
import Foundation

/// The real probe: the operator endpoints of a server over HTTP (the hosted SaaS or the stand-in alike).
public struct HTTPSaaSProbe: SaaSProbe {
    /// The server's base URL.
    public let baseURL: String
    /// The stand-in's digest endpoint, answering `{"count": N, "sha256": "<hex>"}`.
    public static let standInDigestPath = "/__standin__/historical-digest"

    /// Path of the historical-rows digest endpoint; nil to count rows only.
    public let historicalDigestPath: String?
    private let fetcher: GateHTTPFetching

    /// Creates a probe of `baseURL`; a server answering 404 at the digest path is read by count alone.
    public init(
        baseURL: String, historicalDigestPath: String? = HTTPSaaSProbe.standInDigestPath,
        fetcher: GateHTTPFetching = URLSessionHTTPFetcher()
    ) {
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

    /// Count from `/health/ready/`, digest from the digest endpoint where the server has one.
    ///
    /// A 404 means the server (the hosted SaaS) has no such endpoint: the
    /// same answer at start and end, so the comparison rests on the count.
    public func historicalRows() throws -> HistoricalRowsSnapshot {
        let count = try readiness().drainQueue?.businessRuleRejectedCount
        guard let historicalDigestPath else { return HistoricalRowsSnapshot(count: count, digest: nil) }
        let (url, response) = try fetch(historicalDigestPath)
        if response.status == 404 { return HistoricalRowsSnapshot(count: count, digest: nil) }
        struct Body: Decodable {
            let sha256: String
            let count: Int?
        }
        guard response.status == 200, let body = try? JSONDecoder().decode(Body.self, from: response.body) else {
            throw SaaSProbeError.malformed(url: url, reason: "HTTP \(response.status), expected {\"count\": N, \"sha256\": \"<hex>\"}")
        }
        // The admin endpoint counts the rows themselves; prefer it over the readiness aggregate.
        return HistoricalRowsSnapshot(count: body.count ?? count, digest: body.sha256)
    }

    private func fetch(_ path: String) throws -> (String, GateHTTPResponse) {
        let text = baseURL + (path.hasPrefix("/") ? path : "/" + path)
        guard let url = URL(string: text) else { throw SaaSProbeError.malformed(url: text, reason: "not a URL") }
        return (text, try fetcher.get(url))
    }
}
