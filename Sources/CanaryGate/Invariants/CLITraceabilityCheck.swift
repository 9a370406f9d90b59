import CanaryCore
import Foundation

/// Traces an installed CLI to its commit: from `direct_url.json`, else from a version tag in a named clone.
public struct CLITraceabilityCheck: Sendable {
    /// A local clone of the CLI repository, when one was named.
    public let cloneDirectory: String?
    private let processes: GateProcessRunning

    /// Creates a check; without a clone, only a commit recorded at install time can be read.
    public init(cloneDirectory: String?, processes: GateProcessRunning = GateProcessRunner()) {
        self.cloneDirectory = cloneDirectory
        self.processes = processes
    }

    /// Traces `version`; never throws: what cannot be read is reported as unreadable.
    public func trace(version: String, metadata: InstalledCLIMetadata?) -> CLITrace {
        var commit = CLITrace.commit(fromDirectURL: metadata?.directURL)
        var tag: String?
        var source = "direct_url.json"
        if commit == nil, let clone = cloneDirectory {
            for candidate in ["v\(version)", version] {
                if let resolved = git(clone, ["rev-parse", "--verify", "--quiet", "refs/tags/\(candidate)^{commit}"]) {
                    commit = resolved
                    tag = candidate
                    source = "tag \(candidate) in clone \(clone)"
                    break
                }
            }
        }
        guard let commit else {
            let why = cloneDirectory.map { "no tag v\(version) or \(version) in clone \($0)" }
                ?? "installed from the package index (no direct_url.json commit) and no --cli-repo clone named"
            return CLITrace(verdict: .unreadable, commit: nil, tag: nil, explanation: why)
        }
        if commit.hasPrefix(CLITrace.floorCommit) || (commit.count >= 7 && CLITrace.floorCommit.hasPrefix(commit)) {
            return CLITrace(verdict: .atOrAfter, commit: commit, tag: tag, explanation: "\(source) names the floor commit itself")
        }
        guard let clone = cloneDirectory else {
            return CLITrace(
                verdict: .unreadable, commit: commit, tag: tag,
                explanation: "commit \(commit.prefix(12)) from \(source); its ancestry needs a clone (--cli-repo)"
            )
        }
        let command = GateCommandLine(["git", "-C", clone, "merge-base", "--is-ancestor", CLITrace.floorCommit, commit], timeout: 60)
        switch (try? processes.run(command))?.exitStatus {
        case 0?:
            return CLITrace(
                verdict: .atOrAfter, commit: commit, tag: tag,
                explanation: "commit \(commit.prefix(12)) (\(source)) descends from \(CLITrace.floorCommit.prefix(12))"
            )
        case 1?:
            return CLITrace(
                verdict: .before, commit: commit, tag: tag,
                explanation: "commit \(commit.prefix(12)) (\(source)) does not contain \(CLITrace.floorCommit.prefix(12))"
            )
        default:
            return CLITrace(
                verdict: .unreadable, commit: commit, tag: tag,
                explanation: "commit \(commit.prefix(12)) (\(source)): clone \(clone) cannot compare it with the floor commit"
            )
        }
    }

    private func git(_ clone: String, _ arguments: [String]) -> String? {
        guard let result = try? processes.run(GateCommandLine(["git", "-C", clone] + arguments, timeout: 60)),
              result.succeeded, let line = result.lastStdoutLine, !line.isEmpty else { return nil }
        return line
    }
}
