import Foundation

/// What a finished command left behind: its exit status and everything it printed.
public struct GateProcessResult: Equatable, Sendable {
    /// The exit status, or 128 + signal when a signal ended it.
    public let exitStatus: Int32
    /// Everything written to stdout.
    public let stdout: String
    /// Everything written to stderr.
    public let stderr: String

    /// Creates a result (fakes in tests build these directly).
    public init(exitStatus: Int32, stdout: String = "", stderr: String = "") {
        self.exitStatus = exitStatus
        self.stdout = stdout
        self.stderr = stderr
    }

    /// True when the command exited 0.
    public var succeeded: Bool { exitStatus == 0 }

    /// The last non-empty line of stdout, where the project's scripts put their answer.
    public var lastStdoutLine: String? {
        stdout.split(whereSeparator: \.isNewline).last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            .map { String($0).trimmingCharacters(in: .whitespaces) }
    }

    /// The last non-empty line of stderr (else stdout): where tools put the reason they failed.
    public var lastErrorLine: String {
        for text in [stderr, stdout] {
            if let line = text.split(whereSeparator: \.isNewline).last(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                return line.trimmingCharacters(in: .whitespaces)
            }
        }
        return "no output"
    }

    /// The last `count` lines of stderr then stdout, for error messages.
    public func tail(_ count: Int = 12) -> String {
        let lines = (stderr + "\n" + stdout).split(whereSeparator: \.isNewline).map(String.init)
        return lines.suffix(count).joined(separator: "\n")
    }
}
