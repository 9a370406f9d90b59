/// Why a `StandInClient` call failed.
public enum StandInClientError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The base URL is not `http://<IPv4 or localhost>:<port>`.
    case unsupportedBaseURL(String)
    /// The request did not complete (connect, send, receive).
    case transport(method: String, path: String, reason: String)
    /// The server answered with a status the call does not expect.
    case unexpectedStatus(method: String, path: String, status: Int, body: String)
    /// The answer was not the JSON the call expects.
    case undecodable(path: String, reason: String)

    /// The failure in one line.
    public var description: String {
        switch self {
        case .unsupportedBaseURL(let url): return "stand-in client needs http://127.0.0.1:PORT, got \(url)"
        case .transport(let method, let path, let reason): return "\(method) \(path): \(reason)"
        case .unexpectedStatus(let method, let path, let status, let body): return "\(method) \(path): HTTP \(status): \(body.prefix(300))"
        case .undecodable(let path, let reason): return "\(path): unexpected answer: \(reason)"
        }
    }
}
