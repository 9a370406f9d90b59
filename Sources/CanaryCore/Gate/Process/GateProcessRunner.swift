import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs commands with Foundation.Process: own process group, output to files, no PATH surprises.
///
/// Output goes to temporary files rather than pipes: the canary script may
/// leave a grandchild (a stand-in, a daemon) holding a pipe open, and a pipe
/// reader would then wait forever after the script itself has exited.
public struct GateProcessRunner: GateProcessRunning {
    /// How often streamed output is polled from the capture files.
    private let pollInterval: TimeInterval = 0.2

    /// Creates a runner.
    public init() {}

    /// Runs `command` to completion; `output` receives new stdout/stderr text while it runs.
    public func run(_ command: GateCommandLine, output: (@Sendable (String) -> Void)?) throws -> GateProcessResult {
        let captureDirectory = FileManager.default.temporaryDirectory
            .appendingPathComponent("canary-gate-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: captureDirectory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: captureDirectory) }
        let stdoutURL = captureDirectory.appendingPathComponent("stdout")
        let stderrURL = captureDirectory.appendingPathComponent("stderr")
        for url in [stdoutURL, stderrURL] where !FileManager.default.createFile(atPath: url.path, contents: nil) {
            throw GateProcessError.launchFailed(command: command.description, reason: "cannot create \(url.path)")
        }

        let process = Process()
        // Foundation does no PATH lookup; env does, and reports a missing program as exit 127.
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command.arguments
        process.environment = ProcessInfo.processInfo.environment.merging(command.environment) { _, new in new }
        if let directory = command.workingDirectory {
            process.currentDirectoryURL = URL(fileURLWithPath: directory, isDirectory: true)
        }
        let stdoutHandle = try FileHandle(forWritingTo: stdoutURL)
        let stderrHandle = try FileHandle(forWritingTo: stderrURL)
        defer {
            try? stdoutHandle.close()
            try? stderrHandle.close()
        }
        // A child that reads stdin must see EOF, never the gate's terminal.
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        process.standardOutput = stdoutHandle
        process.standardError = stderrHandle

        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        do {
            try process.run()
        } catch {
            throw GateProcessError.launchFailed(command: command.description, reason: "\(error)")
        }

        let streamer = output.map { OutputStreamer(urls: [stdoutURL, stderrURL], sink: $0) }
        let deadline = command.timeout.map { DispatchTime.now() + $0 }
        var timedOut = false
        while exited.wait(timeout: .now() + pollInterval) == .timedOut {
            streamer?.flush()
            if let deadline, DispatchTime.now() >= deadline {
                timedOut = true
                terminateGroup(of: process, exited: exited)
                break
            }
        }
        streamer?.flush()

        let stdout = String(decoding: (try? Data(contentsOf: stdoutURL)) ?? Data(), as: UTF8.self)
        let stderr = String(decoding: (try? Data(contentsOf: stderrURL)) ?? Data(), as: UTF8.self)
        if timedOut, let timeout = command.timeout {
            let last = GateProcessResult(exitStatus: -1, stdout: stdout, stderr: stderr).lastErrorLine
            throw GateProcessError.timedOut(command: command.description, seconds: timeout, lastLine: last)
        }
        let status = process.terminationReason == .uncaughtSignal
            ? 128 + process.terminationStatus : process.terminationStatus
        return GateProcessResult(exitStatus: status, stdout: stdout, stderr: stderr)
    }

    /// SIGTERM to the whole group (grandchildren too), then SIGKILL if it lingers.
    private func terminateGroup(of process: Process, exited: DispatchSemaphore) {
        let group = -process.processIdentifier
        kill(group, SIGTERM)
        if exited.wait(timeout: .now() + 5) == .timedOut {
            kill(group, SIGKILL)
            exited.wait()
        }
    }
}

/// Forwards text appended to capture files since the last flush.
private final class OutputStreamer {
    private let urls: [URL]
    private let sink: @Sendable (String) -> Void
    private var offsets: [URL: UInt64] = [:]

    init(urls: [URL], sink: @escaping @Sendable (String) -> Void) {
        self.urls = urls
        self.sink = sink
    }

    func flush() {
        for url in urls {
            guard let handle = try? FileHandle(forReadingFrom: url) else { continue }
            defer { try? handle.close() }
            let offset = offsets[url] ?? 0
            guard (try? handle.seek(toOffset: offset)) != nil, let data = try? handle.readToEnd(), !data.isEmpty
            else { continue }
            offsets[url] = offset + UInt64(data.count)
            sink(String(decoding: data, as: UTF8.self))
        }
    }
}
