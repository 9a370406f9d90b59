import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A live process the CLI's host-wide daemon scan would count: any argv part mentioning `run_sync_daemon`.
///
/// 3.2.7's `sync status --check` (`daemon.scan_sync_daemons`) counts every such
/// process on the machine that is not its own home's recorded singleton as a
/// live orphan and exits 2, whatever HOME isolation says. A canary that runs
/// beside one cannot tell a CLI verdict from the host's, so it refuses instead.
public struct HostSyncDaemon: Equatable, Sendable, CustomStringConvertible {
    /// The process id.
    public var pid: pid_t
    /// The runtime root it serves: its `--spec-kitty-daemon-root=` marker, else its
    /// `SPEC_KITTY_HOME` or `HOME` when readable, else nil.
    public var home: String?

    /// Creates a record.
    public init(pid: pid_t, home: String?) {
        self.pid = pid
        self.home = home
    }

    public var description: String { "pid \(pid) (home \(home ?? "unknown"))" }

    /// Whether the CLI's scan would count a process with `argv` (the same test as `_iter_sync_daemon_processes`).
    public static func matches(argv: [String]) -> Bool {
        argv.contains { $0.contains("run_sync_daemon") }
    }

    /// The home named by `argv`'s scope marker, else by `environment`.
    public static func home(argv: [String], environment: [String: String]) -> String? {
        if let marker = argv.first(where: { $0.hasPrefix(SyncDaemonProcesses.scopeMarkerPrefix) }) {
            return String(marker.dropFirst(SyncDaemonProcesses.scopeMarkerPrefix.count))
        }
        return environment["SPEC_KITTY_HOME"] ?? environment["HOME"]
    }

    /// Every such process on the host except this one, by pid.
    public static func scan() -> [HostSyncDaemon] {
        SyncDaemonProcesses.liveProcesses().filter { matches(argv: $0.argv) }.map { process in
            HostSyncDaemon(pid: process.pid, home: home(argv: process.argv, environment: ProcessTable.environment(of: process.pid)))
        }
    }

    /// The one-line refusal of a host where `strangers` live, or nil on an isolated host.
    public static func refusal(_ strangers: [HostSyncDaemon]) -> String? {
        guard !strangers.isEmpty else { return nil }
        return "harness.host_not_isolated: sync daemon(s) this run did not start: \(strangers.map(\.description).joined(separator: ", ")); stop them by pid first"
    }

    /// The daemons on the host whose home is not under one of `ownRoots` (a scenario's own directory).
    public static func foreign(excluding ownRoots: [URL]) -> [HostSyncDaemon] {
        let roots = ownRoots.map { $0.resolvingSymlinksInPath().path }
        return scan().filter { daemon in
            guard let home = daemon.home else { return true }
            let resolved = URL(fileURLWithPath: home).resolvingSymlinksInPath().path
            return !roots.contains { resolved == $0 || resolved.hasPrefix($0 + "/") }
        }
    }
}
