import CanaryCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file operation failed, with the system's reason.
public struct GateFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file concerned.
    public let path: String
    /// What was being done.
    public let action: String
    /// The system's explanation.
    public let reason: String

    /// Creates an error from an `errno` value.
    public init(path: String, action: String, errno code: Int32) {
        self.path = path
        self.action = action
        reason = String(cString: strerror(code))
    }

    /// Creates an error with an explanation.
    public init(path: String, action: String, reason: String) {
        self.path = path
        self.action = action
        self.reason = reason
    }

    /// "could not <action> <path>: <reason>".
    public var description: String { "could not \(action) \(path): \(reason)" }
}
