import Foundation

/// Writes `NNN-<label>.argv`, `.stdout` and `.stderr` files into a directory.
public struct DirectoryCommandLog: CommandLogSink {
    /// Where the files go; created on first use.
    public let directory: URL

    /// A sink writing into `directory`.
    public init(directory: URL) {
        self.directory = directory
    }

    /// Writes the three files for `result`.
    public func record(_ result: CommandResult, sequence: Int, label: String) {
        let stem = String(format: "%03d-", sequence) + Self.fileSafe(label)
        let summary = Self.summary(of: result)
        // A log that cannot be written must not turn a passing command into a
        // failure; the result itself still reaches the caller.
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try? Data(summary.utf8).write(to: directory.appendingPathComponent(stem + ".argv"))
        Self.keep(result.stdoutData, spill: result.stdoutSpillPath, at: directory.appendingPathComponent(stem + ".stdout"))
        Self.keep(result.stderrData, spill: result.stderrSpillPath, at: directory.appendingPathComponent(stem + ".stderr"))
    }

    /// Writes `data`, or moves the spill file holding the whole stream into place.
    private static func keep(_ data: Data, spill: String?, at destination: URL) {
        if let spill, (try? FileManager.default.moveItem(atPath: spill, toPath: destination.path)) != nil { return }
        try? data.write(to: destination)
    }

    /// The `.argv` file's text: one argument per line, then the outcome.
    public static func summary(of result: CommandResult) -> String {
        var lines = result.argv
        lines.append("")
        lines.append("# cwd: \(result.workingDirectory ?? "<inherited>")")
        lines.append("# \(result.terminationDescription)")
        lines.append(String(format: "# %.3f s", result.duration))
        if result.outputTruncated {
            lines.append("# output: \(result.stdoutByteCount) bytes stdout, \(result.stderrByteCount) bytes stderr (in full in the files beside)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `label` reduced to characters safe in a file name.
    public static func fileSafe(_ label: String) -> String {
        let mapped = label.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" }
        let collapsed = String(mapped).split(separator: "-", omittingEmptySubsequences: true).joined(separator: "-")
        return collapsed.isEmpty ? "command" : String(collapsed.prefix(60))
    }
}
