import CanaryCore
import Foundation

/// Fetches a URL with GET; tests substitute canned answers.
public protocol GateHTTPFetching: Sendable {
    /// The answer to `GET url`, whatever its status; throws only when there is no answer.
    func get(_ url: URL) throws -> GateHTTPResponse
}
