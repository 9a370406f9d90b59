import CanaryCore
import CanaryGate
import Foundation

/// Runs one child of the matrix with its output in a log file, under a time limit, through the one process runner.
///
/// The child leads its own process group and carries the runner's tag, so a
/// timeout ends `swift test` and the xctest and CLI processes under it, even
/// those that left the group, by id, never by name.
enum LoggedProcess {
    /// What a finished child left.
    struct Outcome {
        /// Exit status, or nil when it was killed at the limit or by a signal.
        let exitCode: Int32?
        /// Whether the limit was reached.
        let timedOut: Bool
        /// Standard output (when captured rather than logged).
        let stdout: String
    }

    /// Runs `argv` (looked up on PATH) in `directory`; stderr, and stdout unless `captureStdout`, go to `log`.
    static func run(_ argv: [String], environment: [String: String], directory: URL, log: URL,
                    captureStdout: Bool = false, timeout: TimeInterval) throws -> Outcome {
        try FileManager.default.createDirectory(at: log.deletingLastPathComponent(), withIntermediateDirectories: true)
        // Opening for writing needs the file to exist: its failure below names the path.
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let logHandle = try FileHandle(forWritingTo: log)
        defer { try? logHandle.close() }
        let runner = ProcessRunner(defaultTimeout: timeout, terminationGrace: 10)
        let result = try runner.run(
            argv, environment: ProcessEnvironment(exactly: environment), workingDirectory: directory, timeout: timeout
        ) { chunk, isStandardError in
            if isStandardError || !captureStdout { logHandle.write(chunk) }
        }
        // Nothing the child started may outlive the call.
        runner.terminateAll()
        return Outcome(exitCode: result.timedOut ? nil : result.exitCode, timedOut: result.timedOut,
                       stdout: captureStdout ? result.stdout : "")
    }
}
