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
        let key = ObjectIdentifier(runner)
        live.withLock { $0[key] = runner }
        defer { live.withLock { $0[key] = nil } }
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

    /// The runners of the calls in flight, so a terminating `canary` can end their children.
    private static let live = Locked<[ObjectIdentifier: ProcessRunner]>([:])
    private static let terminating = Locked(false)

    /// Whether a signal is ending the run: what the ended calls left is not a result.
    static var isTerminating: Bool { terminating.withLock { $0 } }
    nonisolated(unsafe) private static var signalSources: [DispatchSourceSignal] = []

    /// On SIGINT or SIGTERM, ends every call in flight by process group (their children lead
    /// groups of their own, so the signal never reached them), then exits 128 + the signal.
    ///
    /// Without it, a matrix stopped mid-run leaves its columns' scripts, stand-ins and
    /// scenarios running on the host. Call once, from the main thread, before the first call.
    static func endAllOnTermination() {
        signalSources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                FileHandle.standardError.write(Data("canary: signal \(number): ending every process this run started, by process group\n".utf8))
                terminating.withLock { $0 = true }
                live.withLock { Array($0.values) }.forEach { $0.terminateAll() }
                exit(128 + number)
            }
            source.resume()
            return source
        }
    }
}
