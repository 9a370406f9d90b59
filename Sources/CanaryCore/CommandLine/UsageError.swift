/// A command-line mistake: one line naming the option or argument, reported with ``UsageError/exitCode``.
public enum UsageError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An option the command does not declare.
    case unknownOption(String)
    /// A valued option given last, or followed by another option instead of its value.
    case missingValue(String)
    /// A value that does not fit its option (`why` finishes the sentence), or `--flag=value` for a flag.
    case invalidValue(option: String, value: String, why: String)
    /// A positional argument the command has no place for.
    case unexpectedArgument(String)
    /// A required positional argument that was not given.
    case missingArgument(String)
    /// Arguments that are each fine but refused together, explained in one line.
    case refused(String)

    /// The exit code of every usage error of every command: EX_USAGE from sysexits.h.
    ///
    /// One code, so a caller can tell "you called it wrong" from a command's own
    /// failures (2 is a preflight refusal for the gate, matrix and host-check).
    public static let exitCode: Int32 = 64

    /// A one-line explanation.
    public var description: String {
        switch self {
        case let .unknownOption(option): "unknown option '\(option)'"
        case let .missingValue(option): "\(option) needs a value"
        case let .invalidValue(option, value, why): "\(option) '\(value)': \(why)"
        case let .unexpectedArgument(argument): "unexpected argument '\(argument)'"
        case let .missingArgument(name): "\(name) is required"
        case let .refused(explanation): explanation
        }
    }
}
