import CanaryCore
import Foundation

/// Reads the target server's operator endpoints: `/health/`, `/health/ready/` and, where offered, a digest of its historical rows.
public protocol SaaSProbe: Sendable {
    /// The server's base URL, e.g. `http://127.0.0.1:8123`.
    var baseURL: String { get }
    /// `GET /health/`.
    func health() throws -> SaaSHealth
    /// `GET /health/ready/` (a 503 answer is a reading, not an error).
    func readiness() throws -> SaaSReadiness
    /// The historical business-rule rows: count from readiness, digest where the server exposes one.
    func historicalRows() throws -> HistoricalRowsSnapshot
}

/// Why the server could not be read.
public enum SaaSProbeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No HTTP answer at all.
    case unreachable(url: String, reason: String)
    /// An answer that is not the documented JSON.
    case malformed(url: String, reason: String)

    /// A one-line explanation.
    public var description: String {
        switch self {
        case let .unreachable(url, reason): "cannot reach \(url): \(reason)"
        case let .malformed(url, reason): "unexpected answer from \(url): \(reason)"
        }
    }
}
