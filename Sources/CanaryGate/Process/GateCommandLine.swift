import CanaryCore
import Foundation

/// A command the gate runs: argv, environment additions, working directory and time limit.
public struct GateCommandLine: Codable, Equatable, Sendable, CustomStringConvertible {
    /// The argv; the first element is looked up on PATH.
    public var arguments: [String]
    /// Variables set on top of the gate's own environment.
    public var environment: [String: String]
    /// Where the command runs; nil means the gate's current directory.
    public var workingDirectory: String?
    /// Seconds before the command's process group is killed; nil means no limit.
    public var timeout: TimeInterval?

    /// Creates a command line.
    public init(
        _ arguments: [String], environment: [String: String] = [:], workingDirectory: String? = nil,
        timeout: TimeInterval? = nil
    ) {
        precondition(!arguments.isEmpty, "a command needs at least a program name")
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.timeout = timeout
    }

    /// The command as a shell-quoted line, with its environment additions first (for logs and reports).
    public var description: String {
        let assignments = environment.keys.sorted().map { "\($0)=\(Self.quote(environment[$0] ?? ""))" }
        return (assignments + arguments.map(Self.quote)).joined(separator: " ")
    }

    /// Quotes `word` for a POSIX shell when it needs it.
    static func quote(_ word: String) -> String {
        let safe = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%")
        if !word.isEmpty, word.unicodeScalars.allSatisfy(safe.contains) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }
}
