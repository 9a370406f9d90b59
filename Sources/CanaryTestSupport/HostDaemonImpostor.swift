import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A harmless process the CLI's host-wide daemon scan counts as a sync daemon: its argv mentions `run_sync_daemon`.
///
/// Usage: `let impostor = try HostDaemonImpostor.start(home: path); defer { impostor.stop() }`.
public final class HostDaemonImpostor: @unchecked Sendable {
    private let process: Process

    private init(process: Process) {
        self.process = process
    }

    /// Its pid.
    public var pid: pid_t { process.processIdentifier }

    /// Whether it is still alive (the harness must never stop what it did not start).
    public var isRunning: Bool { process.isRunning }

    /// Starts `bash` sleeping for `seconds` under argv `run_sync_daemon [--spec-kitty-daemon-root=<home>]`,
    /// and returns once `/proc` shows that argv.
    public static func start(home: String? = nil, seconds: Int = 120) throws -> HostDaemonImpostor {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", "sleep \(seconds); true", "run_sync_daemon"] + (home.map { ["--spec-kitty-daemon-root=\($0)"] } ?? [])
        try process.run()
        let impostor = HostDaemonImpostor(process: process)
        let deadline = Date(timeIntervalSinceNow: 10)
        while Date() < deadline {
            if let argv = FileManager.default.contents(atPath: "/proc/\(process.processIdentifier)/cmdline"),
               String(decoding: argv, as: UTF8.self).contains("run_sync_daemon") { break }
            usleep(20000)
        }
        return impostor
    }

    /// Ends it and everything in its process group (Foundation gives the child a group of its own), by id.
    public func stop() {
        kill(-process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
