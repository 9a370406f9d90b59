import Foundation

/// Why strict payload validation could not give a verdict (never a verdict itself: a
/// non-conforming envelope is an answer, not an error).
public enum EventsValidatorError: Error, Equatable, CustomStringConvertible, Sendable {
    /// `scripts/bootstrap-events-validator.sh` failed or printed no python.
    case bootstrapFailed(script: String, status: Int32, lastLine: String)
    /// The helper could not be spawned, or did not answer its first ping.
    case startFailed(command: String, reason: String)
    /// The helper died on one request, was restarted, and died again on it.
    case crashed(stderrTail: String)
    /// The helper gave no answer within `seconds`; it was killed (the next request restarts it).
    case timedOut(seconds: TimeInterval)
    /// The helper answered a line that is not its protocol, or refused a request as malformed.
    case protocolViolation(String)
    /// A system call on the helper's pipes failed.
    case systemCall(String, errno: Int32)
    /// The validator was stopped with the server.
    case stopped

    /// The failure in one line.
    public var description: String {
        switch self {
        case .bootstrapFailed(let script, let status, let lastLine):
            return "\(script) exited \(status): \(lastLine)"
        case .startFailed(let command, let reason):
            return "events validator `\(command)` did not start: \(reason)"
        case .crashed(let stderrTail):
            return "events validator died twice on one request" + (stderrTail.isEmpty ? "" : ": \(stderrTail)")
        case .timedOut(let seconds):
            return "events validator gave no answer within \(seconds) s; killed, restarts on the next request"
        case .protocolViolation(let detail):
            return "events validator protocol violation: \(detail)"
        case .systemCall(let call, let code):
            return "events validator \(call) failed: \(String(cString: strerror(code))) (errno \(code))"
        case .stopped:
            return "events validator stopped"
        }
    }
}
