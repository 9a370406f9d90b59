import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs one child of the matrix with its output in a log file, under a time limit.
///
/// The child leads its own process group (through `setsid`), so a timeout
/// ends `swift test` and the xctest and CLI processes under it by group id,
/// never by name.
enum LoggedProcess {
    /// What a finished child left.
    struct Outcome {
        /// Exit status, or nil when it was killed at the limit or could not start.
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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setsid")
        // --wait: setsid forks when its caller already leads a group (as a spawned
        // child does) and would then exit 0 at once, hiding the child's status.
        process.arguments = ["--wait"] + argv
        process.environment = environment
        process.currentDirectoryURL = directory
        process.standardInput = FileHandle.nullDevice
        process.standardError = logHandle
        let pipe = Pipe()
        process.standardOutput = captureStdout ? pipe : logHandle
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        try process.run()
        // Drain stdout while the child runs: a full pipe would stall it.
        let captured = CapturedOutput()
        let readDone = DispatchSemaphore(value: 0)
        if captureStdout {
            DispatchQueue.global().async {
                captured.data = pipe.fileHandleForReading.readDataToEndOfFile()
                readDone.signal()
            }
        } else {
            readDone.signal()
        }
        var timedOut = false
        if done.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            kill(-process.processIdentifier, SIGTERM)
            if done.wait(timeout: .now() + 10) == .timedOut { kill(-process.processIdentifier, SIGKILL) }
            done.wait()
        }
        readDone.wait()
        let code = timedOut ? nil : process.terminationStatus
        return Outcome(exitCode: code, timedOut: timedOut, stdout: String(decoding: captured.data, as: UTF8.self))
    }
}

/// Stdout bytes handed from the reading thread to the waiting one (the semaphore orders the access).
private final class CapturedOutput: @unchecked Sendable {
    var data = Data()
}
