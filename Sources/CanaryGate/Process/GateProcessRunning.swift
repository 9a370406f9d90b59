import CanaryCore
import Foundation

/// Runs commands for the gate's steps; tests substitute a fake.
public protocol GateProcessRunning: Sendable {
    /// Runs `command` to completion; `output` receives stdout and stderr text as it arrives.
    func run(_ command: GateCommandLine, output: (@Sendable (String) -> Void)?) throws -> CommandResult
}

extension GateProcessRunning {
    /// Runs `command` to completion without streaming its output.
    public func run(_ command: GateCommandLine) throws -> CommandResult {
        try run(command, output: nil)
    }
}

/// Why a command could not be run to completion.
public enum GateProcessError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The program could not be started.
    case launchFailed(command: String, reason: String)
    /// The command ran past its limit and its process group was killed.
    case timedOut(command: String, seconds: TimeInterval, lastLine: String)

    /// A one-line explanation naming the command.
    public var description: String {
        switch self {
        case let .launchFailed(command, reason):
            "could not start `\(command)`: \(reason)"
        case let .timedOut(command, seconds, lastLine):
            "`\(command)` ran past \(Int(seconds)) s and was killed; last output: \(lastLine)"
        }
    }
}
