import Foundation

/// Receives every finished command, e.g. to keep full output beside the evidence.
///
/// Injected into `ProcessRunner` so tests can collect results in memory and
/// scenarios can write them to the scenario directory.
public protocol CommandLogSink: Sendable {
    /// Called once per command, in start order numbering (`sequence` from 1).
    func record(_ result: CommandResult, sequence: Int, label: String)
}

/// Writes `NNN-<label>.argv`, `.stdout` and `.stderr` files into a directory.
public struct DirectoryCommandLog: CommandLogSink {
    /// Where the files go; created on first use.
    public let directory: URL

    /// A sink writing into `directory`.
    public init(directory: URL) {
        self.directory = directory
    }

    public func record(_ result: CommandResult, sequence: Int, label: String) {
        let stem = String(format: "%03d-", sequence) + Self.fileSafe(label)
        let summary = Self.summary(of: result)
        // A log that cannot be written must not turn a passing command into a
        // failure; the result itself still reaches the caller.
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try? Data(summary.utf8).write(to: directory.appendingPathComponent(stem + ".argv"))
        try? result.stdoutData.write(to: directory.appendingPathComponent(stem + ".stdout"))
        try? result.stderrData.write(to: directory.appendingPathComponent(stem + ".stderr"))
    }

    /// The `.argv` file's text: one argument per line, then the outcome.
    public static func summary(of result: CommandResult) -> String {
        var lines = result.argv
        lines.append("")
        lines.append("# cwd: \(result.workingDirectory ?? "<inherited>")")
        lines.append("# \(result.terminationDescription)")
        lines.append(String(format: "# %.3f s", result.duration))
        return lines.joined(separator: "\n") + "\n"
    }

    /// `label` reduced to characters safe in a file name.
    public static func fileSafe(_ label: String) -> String {
        let mapped = label.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" }
        let collapsed = String(mapped).split(separator: "-", omittingEmptySubsequences: true).joined(separator: "-")
        return collapsed.isEmpty ? "command" : String(collapsed.prefix(60))
    }
}

/// Keeps every result in memory; for tests.
public final class MemoryCommandLog: CommandLogSink, @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [(sequence: Int, label: String, result: CommandResult)] = []

    /// An empty log.
    public init() {}

    public func record(_ result: CommandResult, sequence: Int, label: String) {
        lock.lock()
        defer { lock.unlock() }
        stored.append((sequence, label, result))
    }

    /// Everything recorded so far, in arrival order.
    public var entries: [(sequence: Int, label: String, result: CommandResult)] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}
