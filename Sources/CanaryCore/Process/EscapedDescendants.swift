import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Finds the processes a command started that left its process group (`setsid`, a daemon's double fork).
///
/// A process group ends with `kill(-pgid)`, but a descendant that made a
/// session of its own is out of reach of that signal and of a group scan.
/// Every child the runner starts carries `CANARY_PROCESS_TAG` in its
/// environment, which descendants inherit whatever group they move to, so
/// `/proc/<pid>/environ` still says whose they are.
public enum EscapedDescendants {
    /// The environment variable every spawned child carries.
    public static let tagVariable = "CANARY_PROCESS_TAG"

    /// Live (not zombie) processes whose tag starts with `prefix`, outside `groups`.
    public static func pids(tagPrefix prefix: String, outside groups: Set<pid_t> = []) -> [pid_t] {
        pids(outside: groups) { $0.hasPrefix(prefix) }
    }

    /// Live (not zombie) processes tagged exactly `tag`.
    public static func pids(tag: String) -> [pid_t] {
        pids(outside: []) { $0 == tag }
    }

    private static func pids(outside groups: Set<pid_t>, matching: (String) -> Bool) -> [pid_t] {
        ProcessTable.pids().filter { pid in
            guard pid != getpid(), let status = ProcessTable.status(of: pid), status.isAlive, !groups.contains(status.processGroup),
                  let tag = ProcessTable.environment(of: pid)[tagVariable]
            else { return false }
            return matching(tag)
        }
    }

    /// SIGTERMs `pids`, then SIGKILLs those still alive after `grace`.
    public static func end(_ pids: [pid_t], grace: TimeInterval) {
        guard !pids.isEmpty else { return }
        pids.forEach { kill($0, SIGTERM) }
        let deadline = Date().addingTimeInterval(grace)
        while Date() < deadline, pids.contains(where: { kill($0, 0) == 0 }) { usleep(10000) }
        pids.forEach { kill($0, SIGKILL) }
    }
}
