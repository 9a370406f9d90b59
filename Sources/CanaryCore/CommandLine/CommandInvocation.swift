import Foundation

/// What a command line asks for: to run with the options it names, or to exit at once.
public enum CommandInvocation<Options> {
    /// Run with these options.
    case run(Options)
    /// Exit with this code: 0 after `--help`, `UsageError.exitCode` after a usage error.
    case exit(Int32)
}

extension CommandSpec {
    /// Parses `arguments` and reads the command's options from them with `interpret`.
    ///
    /// `--help` prints the help to `output` (exit 0); a usage error, from the
    /// parser or from `interpret`, goes to `errorOutput` with the help
    /// (exit 64). Every `canary` command starts here, so all of them answer
    /// the same way.
    public func invocation<Options>(
        _ arguments: [String],
        output: (String) -> Void = { print($0) },
        errorOutput: (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) },
        _ interpret: (ParsedArguments) throws -> Options
    ) -> CommandInvocation<Options> {
        do {
            let parsed = try parse(arguments)
            if parsed.helpRequested {
                output(helpText)
                return .exit(0)
            }
            return .run(try interpret(parsed))
        } catch {
            errorOutput("\(command): \(error)\n\n\(helpText)")
            return .exit(UsageError.exitCode)
        }
    }
}
