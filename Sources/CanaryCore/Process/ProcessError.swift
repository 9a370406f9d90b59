import Foundation

/// Why running a command failed, with enough context to act on from a log.
public enum ProcessError: Error, Equatable, CustomStringConvertible {
    /// `name` is not an executable file, nor found on the child's PATH.
    case executableNotFound(name: String, searchPath: String?)
    /// The kernel refused to start the child (`posix_spawn` failed).
    case launchFailed(argv: [String], errno: Int32)
    /// A pipe or other descriptor could not be set up before the launch.
    case setupFailed(operation: String, errno: Int32)
    /// The command ran past its limit and its process group was killed.
    case timedOut(CommandResult)
    /// The command exited non-zero or died by a signal.
    case unsuccessful(CommandResult)

    /// The result carried by `.timedOut` and `.unsuccessful`, or nil.
    public var result: CommandResult? {
        switch self {
        case let .timedOut(result), let .unsuccessful(result): result
        default: nil
        }
    }

    /// The failure with its command line and output tail.
    public var description: String {
        switch self {
        case let .executableNotFound(name, searchPath):
            return "executable not found: \(name) (PATH=\(searchPath ?? "<unset>"))"
        case let .launchFailed(argv, code):
            return "could not launch \(argv.joined(separator: " ")): \(String(cString: strerror(code)))"
        case let .setupFailed(operation, code):
            return "\(operation) failed: \(String(cString: strerror(code)))"
        case let .timedOut(result):
            return "timed out after \(Self.seconds(result.duration)): \(result.commandLine)\n\(result.tail(lines: 20))"
        case let .unsuccessful(result):
            return "\(result.terminationDescription): \(result.commandLine)\n\(result.tail(lines: 20))"
        }
    }

    private static func seconds(_ value: TimeInterval) -> String {
        String(format: "%.1f s", value)
    }
}
