import CanaryCore
import Foundation

/// A harmless process the CLI's host-wide daemon scan counts as a sync daemon: its argv mentions `run_sync_daemon`.
///
/// Usage: `let impostor = try HostDaemonImpostor.start(home: path); defer { impostor.stop() }`.
///
/// While it lives it holds the host's daemon window exclusively, so no other
/// canary test on the host makes a CLI call or a host scan beside it; the
/// harness under test gets a window of its own (`environment`), or it would
/// wait on this one.
public final class HostDaemonImpostor: @unchecked Sendable {
    private let process: LaunchedProcess
    private let hold: DaemonWindow.Hold
    private let ownWindow: URL

    private init(process: LaunchedProcess, hold: DaemonWindow.Hold, ownWindow: URL) {
        self.process = process
        self.hold = hold
        self.ownWindow = ownWindow
    }

    /// What a harness run beside it needs in its environment: a daemon window of its own.
    public var environment: [String: String] { ["CANARY_DAEMON_WINDOW_LOCK": ownWindow.path] }

    /// Its pid.
    public var pid: pid_t { process.pid }

    /// Whether it is still alive (the harness must never stop what it did not start).
    public var isRunning: Bool { process.exited == nil }

    /// Starts `bash` sleeping for `seconds` under argv `run_sync_daemon [--spec-kitty-daemon-root=<home>]`,
    /// and returns once `/proc` shows that argv.
    public static func start(home: String? = nil, seconds: Int = 120) throws -> HostDaemonImpostor {
        let hold = DaemonWindow.host.holdExclusively()
        let process = try ProcessRunner().launch(
            ["/bin/bash", "-c", "sleep \(seconds); true", "run_sync_daemon"] + (home.map { ["--spec-kitty-daemon-root=\($0)"] } ?? []))
        let ownWindow = FileManager.default.temporaryDirectory.appendingPathComponent("canary-impostor-window-\(process.pid).lock")
        let impostor = HostDaemonImpostor(process: process, hold: hold, ownWindow: ownWindow)
        let deadline = Date(timeIntervalSinceNow: 10)
        while Date() < deadline {
            if let argv = FileManager.default.contents(atPath: "/proc/\(process.pid)/cmdline"),
               String(decoding: argv, as: UTF8.self).contains("run_sync_daemon") { break }
            usleep(20000)
        }
        return impostor
    }

    /// Ends it and everything in its process group, by id.
    public func stop() {
        process.end(grace: 0)
        hold.release()
        try? FileManager.default.removeItem(at: ownWindow)
        try? FileManager.default.removeItem(at: ownWindow.appendingPathExtension("turnstile"))
    }
}
