import Foundation

/// Why a stand-in server could not start.
public enum StandInError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The SQLite store could not be opened or created.
    case storeUnavailable(path: String, reason: String)
    /// The listener could not bind or listen.
    case listenFailed(port: UInt16, reason: String)
    /// `start()` was called twice.
    case alreadyStarted
    /// `start()` was called after `stop()`.
    case stopped
    /// Strict payload validation was asked for and its validator cannot run.
    case validatorUnavailable(reason: String)
    /// The admin secret could not be written to its file.
    case secretUnwritable(path: String, errno: Int32)
    /// The admin secret could not be read from its file.
    case secretUnreadable(path: String, reason: String)

    /// The failure in one line.
    public var description: String {
        switch self {
        case .storeUnavailable(let path, let reason): return "stand-in store \(path) unavailable: \(reason)"
        case .listenFailed(let port, let reason): return "stand-in cannot listen on 127.0.0.1:\(port): \(reason)"
        case .alreadyStarted: return "stand-in already started"
        case .stopped: return "stand-in was stopped; create a new one"
        case .validatorUnavailable(let reason): return "stand-in payload validator unavailable: \(reason)"
        case .secretUnwritable(let path, let code): return "cannot write the stand-in's admin secret to \(path): \(String(cString: strerror(code)))"
        case .secretUnreadable(let path, let reason): return "cannot read the stand-in's admin secret from \(path): \(reason)"
        }
    }
}
