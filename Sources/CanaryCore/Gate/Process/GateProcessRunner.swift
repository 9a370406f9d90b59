import Foundation

/// Runs the gate's commands on the harness's own `ProcessRunner`: own process group,
/// stdin from /dev/null, output streamed while it runs, the whole group killed at the limit.
///
/// The gate speaks in `GateCommandLine`/`GateProcessResult` so its steps stay
/// testable with a fake; this adapter maps those onto the one runner the
/// scenarios use, so spawning, draining and group termination live in one place.
public struct GateProcessRunner: GateProcessRunning {
    private let runner: ProcessRunner

    /// Creates a runner; a command without a time limit may run for as long as it needs.
    public init() {
        runner = ProcessRunner(defaultTimeout: .infinity, terminationGrace: 5)
    }

    /// Runs `command` to completion; `output` receives new stdout/stderr text while it runs.
    public func run(_ command: GateCommandLine, output: (@Sendable (String) -> Void)?) throws -> GateProcessResult {
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
            return GateProcessResult(exitStatus: 127, stderr: "\(name): command not found\n")
        } catch {
            throw GateProcessError.launchFailed(command: command.description, reason: "\(error)")
        }
        let finished = GateProcessResult(
            exitStatus: result.exitCode ?? 128 + (result.signal ?? 0), stdout: result.stdout, stderr: result.stderr
        )
        if result.timedOut, let timeout = command.timeout {
            throw GateProcessError.timedOut(command: command.description, seconds: timeout, lastLine: finished.lastErrorLine)
        }
        return finished
    }
}
