import CanaryCore
import Foundation

/// A CLI or git call of the stand-in's real-CLI tests, through the one process runner:
/// own process group, bounded in time, whatever it started ended with it.
enum ChildProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ argv: [String], environment: [String: String], directory: URL, timeout: TimeInterval) throws -> Result {
        let runner = ProcessRunner(defaultTimeout: timeout)
        let result = try runner.run(argv, environment: ProcessEnvironment(exactly: environment), workingDirectory: directory)
        if result.timedOut {
            throw CLIFailure("\(argv.joined(separator: " ")) timed out after \(Int(timeout)) s")
        }
        return Result(status: result.exitCode ?? 128 + (result.signal ?? 0), stdout: result.stdout, stderr: result.stderr)
    }
}
