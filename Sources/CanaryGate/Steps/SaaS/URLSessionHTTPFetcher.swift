import CanaryCore
import Dispatch
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// GET through URLSession, made synchronous because every gate step is.
public struct URLSessionHTTPFetcher: GateHTTPFetching {
    private let timeout: TimeInterval

    /// Creates a fetcher giving each request `timeout` seconds.
    public init(timeout: TimeInterval = 20) {
        self.timeout = timeout
    }

    /// Sends the request and waits for the answer.
    public func get(_ url: URL) throws -> GateHTTPResponse {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        let box = ResultBox()
        let done = DispatchSemaphore(value: 0)
        let task = URLSession.shared.dataTask(with: request) { data, response, error in
            if let http = response as? HTTPURLResponse {
                box.set(.success(GateHTTPResponse(status: http.statusCode, body: data ?? Data())))
            } else {
                box.set(.failure(SaaSProbeError.unreachable(
                    url: url.absoluteString, reason: error.map { $0.localizedDescription } ?? "no HTTP response"
                )))
            }
            done.signal()
        }
        task.resume()
        done.wait()
        return try box.get()
    }
}

/// Hands the completion handler's result to the waiting thread.
private final class ResultBox: @unchecked Sendable {
    private let lock = Lock()
    private var result: Result<GateHTTPResponse, Error> = .failure(SaaSProbeError.unreachable(url: "", reason: "no answer"))

    func set(_ value: Result<GateHTTPResponse, Error>) {
        lock.withLock { result = value }
    }

    func get() throws -> GateHTTPResponse {
        try lock.withLock { try result.get() }
    }
}
