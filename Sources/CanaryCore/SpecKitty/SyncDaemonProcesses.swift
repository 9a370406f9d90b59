import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Finds and stops the sync daemons a scenario's CLI started.
///
/// The daemon runs in a session of its own (`start_new_session=True`), so it
/// is outside the runner's process groups and survives the command that
/// spawned it. Its argv carries `--spec-kitty-daemon-root=<runtime root>`;
/// matching on that marker finds exactly this workspace's daemons and never
/// a process picked by name.
public enum SyncDaemonProcesses {
    /// The argv marker the CLI gives its daemon (3.2.7 `DAEMON_SCOPE_ARG_PREFIX`).
    public static let scopeMarkerPrefix = "--spec-kitty-daemon-root="

    /// Pids of live processes whose argv holds the scope marker for `runtimeRoot`.
    public static func pids(runtimeRoot: URL) -> [pid_t] {
        let marker = scopeMarkerPrefix + runtimeRoot.resolvingSymlinksInPath().path
        return liveProcesses().filter { $0.argv.contains(marker) }.map(\.pid)
    }

    /// Every live process with an argv, pid order, this one excluded.
    public static func liveProcesses() -> [(pid: pid_t, argv: [String])] {
        let me = getpid()
        return ProcessTable.pids().filter { $0 != me }.compactMap { pid in
            argv(of: pid).map { (pid, $0) }
        }
    }

    /// The argv of `pid` from `/proc/<pid>/cmdline`, or nil when it is gone.
    public static func argv(of pid: pid_t) -> [String]? {
        ProcessTable.argv(of: pid)
    }

    /// SIGTERMs each daemon of `runtimeRoot`, waits up to `grace`, then SIGKILLs the rest.
    ///
    /// Returns the pids that were signalled. Only processes carrying this
    /// workspace's scope marker are touched, and each is re-checked just
    /// before the SIGKILL so a recycled pid is left alone.
    @discardableResult
    public static func stopAll(runtimeRoot: URL, grace: TimeInterval = 5) -> [pid_t] {
        let targets = pids(runtimeRoot: runtimeRoot)
        guard !targets.isEmpty else { return [] }
        for pid in targets { kill(pid, SIGTERM) }
        let deadline = Date().addingTimeInterval(grace)
        while Date() < deadline, !pids(runtimeRoot: runtimeRoot).isEmpty { usleep(50000) }
        for pid in pids(runtimeRoot: runtimeRoot) { kill(pid, SIGKILL) }
        return targets
    }
}
