/// Why evidence could not be written or verified.
public enum EvidenceError: Error, Equatable, CustomStringConvertible {
    /// The file exists already; evidence is never overwritten.
    case alreadyExists(path: String)
    /// A system call failed.
    case io(operation: String, path: String, errno: Int32)
    /// The manifest is missing or unreadable.
    case manifestUnreadable(path: String, reason: String)
    /// The bundle holds something a manifest cannot list, so it cannot be sealed.
    case unsealable(path: String, reason: String)

    public var description: String {
        switch self {
        case let .alreadyExists(path):
            "refusing to overwrite evidence: \(path) already exists"
        case let .io(operation, path, code):
            "\(operation) failed for \(path): \(String(cString: strerror(code)))"
        case let .manifestUnreadable(path, reason):
            "manifest \(path) cannot be read: \(reason)"
        case let .unsealable(path, reason):
            "cannot seal the bundle: \(path): \(reason)"
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
