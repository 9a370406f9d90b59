import CanaryCore
import Foundation

/// Runs the gate's commands on the harness's own `ProcessRunner`: own process group,
/// stdin from /dev/null, output streamed while it runs, the whole group killed at the limit.
///
/// The gate speaks in `GateCommandLine` (its environment *added* to the gate's own)
/// and gets the runner's own `CommandResult` back, so its steps stay testable with
/// a fake while spawning, draining and group termination live in one place.
public struct GateProcessRunner: GateProcessRunning {
    private let runner: ProcessRunner

    /// Creates a runner; a command without a time limit may run for as long as it needs.
    public init() {
        runner = ProcessRunner(defaultTimeout: .infinity, terminationGrace: 5)
    }

    /// Runs `command` to completion; `output` receives new stdout/stderr text while it runs.
    public func run(_ command: GateCommandLine, output: (@Sendable (String) -> Void)?) throws -> CommandResult {
        let streamed = output.map(StreamedText.init(sink:))
        let result: CommandResult
        do {
            defer { streamed?.finish() }
            result = try runner.run(
                command.arguments,
                environment: .inheriting(command.environment),
                workingDirectory: command.workingDirectory.map { URL(fileURLWithPath: $0, isDirectory: true) },
                timeout: command.timeout ?? .infinity,
                output: streamed.map { text in { text.take($0, isStandardError: $1) } }
            )
        } catch let ProcessError.executableNotFound(name, _) {
            // What a shell answers, so a step can report "not installed" from the status alone.
            return CommandResult(exitStatus: 127, stderr: "\(name): command not found\n", argv: command.arguments)
        } catch {
            throw GateProcessError.launchFailed(command: command.description, reason: "\(error)")
        }
        if result.timedOut, let timeout = command.timeout {
            throw GateProcessError.timedOut(command: command.description, seconds: timeout, lastLine: result.lastErrorLine)
        }
        return result
    }
}
