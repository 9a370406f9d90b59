import Glibc

/// A failed socket call, with the call's name and errno.
public enum SocketError: Error, Equatable, CustomStringConvertible, Sendable {
    /// A system call failed.
    case systemCall(String, errno: Int32)
    /// The peer sent nothing (or accepted nothing) within the allowed time.
    case timedOut(String)
    /// The peer closed the connection before the exchange was done.
    case closedByPeer
    /// The host is not a dotted IPv4 address (the stand-in is loopback-only).
    case unsupportedHost(String)

    /// The failure with errno spelled out.
    public var description: String {
        switch self {
        case .systemCall(let call, let code): return "\(call) failed: \(String(cString: strerror(code))) (errno \(code))"
        case .timedOut(let what): return "timed out \(what)"
        case .closedByPeer: return "connection closed by peer"
        case .unsupportedHost(let host): return "unsupported host '\(host)': use a dotted IPv4 address"
        }
    }

    /// Captures the current errno for `call`.
    static func lastError(_ call: String) -> SocketError {
        .systemCall(call, errno: errno)
    }
}
