import CanaryCore

/// A `BlockingHTTPClient` behind a lock, so copies of a `StandInClient` may share
/// one kept-alive connection from any thread.
final class SerializedHTTPClient: @unchecked Sendable {
    private let lock = Lock()
    private let client: BlockingHTTPClient

    /// Creates a client for `host:port`.
    init(host: String, port: UInt16, timeout: Double) {
        client = BlockingHTTPClient(host: host, port: port, timeout: timeout)
    }

    /// Sends `request` and waits for its answer, one exchange at a time.
    func send(_ request: HTTPRequest) throws -> HTTPResponse {
        try lock.withLock { try client.send(request) }
    }
}
