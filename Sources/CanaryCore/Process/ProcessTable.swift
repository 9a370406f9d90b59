import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The host's processes as `/proc` shows them: the one reader of pids, states, groups, argv and environments.
///
/// The runner's group checks, the escaped-descendant search, the daemon scans
/// and the host-isolation check all ask the same questions of `/proc`; they ask
/// them here.
enum ProcessTable {
    /// What `/proc/<pid>/stat` says of a process.
    struct Status: Equatable {
        /// The state letter (`R`, `S`, `Z`, ...).
        var state: Character
        /// The process group.
        var processGroup: pid_t

        /// Running or sleeping: not a zombie waiting to be reaped, not dead.
        var isAlive: Bool { state != "Z" && state != "X" }
    }

    /// Every pid in `/proc`, ascending.
    static func pids() -> [pid_t] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { pid_t($0) }.sorted()
    }

    /// The status of `pid`, or nil when it is gone.
    static func status(of pid: pid_t) -> Status? {
        (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)).flatMap(parseStatus)
    }

    /// State and process group from a `/proc/<pid>/stat` line.
    static func parseStatus(_ stat: String) -> Status? {
        // The command name may contain spaces and parentheses; fields resume after the last ")".
        guard let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 2, let state = fields[0].first, let group = pid_t(fields[2]) else { return nil }
        return Status(state: state, processGroup: group)
    }

    /// The argv of `pid` from `/proc/<pid>/cmdline`, or nil when it is gone.
    static func argv(of pid: pid_t) -> [String]? {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"), !data.isEmpty else { return nil }
        return data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    }

    /// `/proc/<pid>/environ` as a dictionary; empty when unreadable.
    static func environment(of pid: pid_t) -> [String: String] {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/environ") else { return [:] }
        var result: [String: String] = [:]
        for entry in data.split(separator: 0) {
            let text = String(decoding: entry, as: UTF8.self)
            guard let equals = text.firstIndex(of: "=") else { continue }
            result[String(text[..<equals])] = String(text[text.index(after: equals)...])
        }
        return result
    }
}
