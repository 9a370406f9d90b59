import CanaryCore
import Foundation

/// An HTTP answer: status and body.
public struct GateHTTPResponse: Equatable, Sendable {
    /// The HTTP status code.
    public let status: Int
    /// The body bytes.
    public let body: Data

    /// Creates a response.
    public init(status: Int, body: Data) {
        self.status = status
        self.body = body
    }
}
