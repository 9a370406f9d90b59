import Foundation

/// A spec-kitty step that could not be carried out or understood.
public enum SpecKittyError: Error, CustomStringConvertible {
    /// A set-up step the scenario cannot go on without failed.
    case stepFailed(step: String, result: CommandResult)
    /// The command succeeded but its output lacks what the harness needs.
    case unexpectedOutput(field: String, result: CommandResult)
    /// `scripts/bootstrap-spec-kitty.sh` failed or printed no usable path.
    case bootstrapFailed(CommandResult)
    /// `SPEC_KITTY_BIN` or the bootstrap's answer is not an executable file.
    case binaryNotExecutable(path: String)
    /// The checkout's `.kittify/config.yaml` has no project uuid.
    case projectIdentityMissing(path: String)

    /// The failure with its command line and output tail.
    public var description: String {
        switch self {
        case let .stepFailed(step, result):
            return "\(step) failed (\(result.terminationDescription)): \(result.commandLine)\n\(result.tail(lines: 20))"
        case let .unexpectedOutput(field, result):
            return "\(result.commandLine) gave no \(field)\n\(result.tail(lines: 20))"
        case let .bootstrapFailed(result):
            return "bootstrap-spec-kitty.sh failed (\(result.terminationDescription))\n\(result.tail(lines: 20))"
        case let .binaryNotExecutable(path):
            return "spec-kitty binary is not executable: \(path)"
        case let .projectIdentityMissing(path):
            return "no project uuid in \(path)"
        }
    }
}
