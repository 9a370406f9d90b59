import Foundation

/// Everything observed about one finished command.
public struct CommandResult: Equatable, Sendable {
    /// How the child ended.
    public enum Termination: Equatable, Sendable {
        /// It called `exit` with this status.
        case exited(Int32)
        /// A signal killed it.
        case signaled(Int32)
    }

    /// The argument vector as given, executable first.
    public var argv: [String]
    /// The absolute path that was actually executed.
    public var executablePath: String
    /// The directory the child started in, or nil for the parent's.
    public var workingDirectory: String?
    /// How the child ended.
    public var termination: Termination
    /// Whether the runner killed the process group for running past its limit.
    public var timedOut: Bool
    /// Raw bytes the child wrote to standard output (its last bytes only, when it outgrew the runner's memory limit).
    public var stdoutData: Data
    /// Raw bytes the child wrote to standard error (likewise).
    public var stderrData: Data
    /// Bytes written to standard output in all; more than `stdoutData` holds when it spilled.
    public var stdoutByteCount: Int
    /// Bytes written to standard error in all.
    public var stderrByteCount: Int
    /// While a command log records the result: the file holding all of a spilled stdout, to be moved, not copied.
    public var stdoutSpillPath: String?
    /// Likewise for stderr.
    public var stderrSpillPath: String?
    /// When the child was spawned.
    public var started: Date
    /// When the child was reaped and its output drained.
    public var finished: Date
    /// CPU time (user + system) the child and the descendants it waited for used; nil when not measured.
    public var cpuSeconds: Double?

    /// Creates a result; the runner is the usual author, tests the other.
    public init(
        argv: [String],
        executablePath: String? = nil,
        workingDirectory: String? = nil,
        termination: Termination,
        timedOut: Bool = false,
        stdout: Data = Data(),
        stderr: Data = Data(),
        started: Date = Date(),
        finished: Date? = nil
    ) {
        self.argv = argv
        self.executablePath = executablePath ?? argv.first ?? ""
        self.workingDirectory = workingDirectory
        self.termination = termination
        self.timedOut = timedOut
        stdoutData = stdout
        stderrData = stderr
        stdoutByteCount = stdout.count
        stderrByteCount = stderr.count
        self.started = started
        self.finished = finished ?? started
    }

    /// The exit status, or nil when a signal ended the child.
    public var exitCode: Int32? {
        if case let .exited(code) = termination { return code }
        return nil
    }

    /// The signal that ended the child, or nil when it exited.
    public var signal: Int32? {
        if case let .signaled(number) = termination { return number }
        return nil
    }

    /// A finished command with only a status and its output, for fakes of a command runner in tests.
    public init(exitStatus: Int32, stdout: String = "", stderr: String = "", argv: [String] = ["fake"]) {
        self.init(argv: argv, termination: .exited(exitStatus), stdout: Data(stdout.utf8), stderr: Data(stderr.utf8))
    }

    /// The exit status, or 128 + signal when a signal ended the child (what a shell reports).
    public var exitStatus: Int32 { exitCode ?? 128 + (signal ?? 0) }

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

    /// Whether an output stream outgrew memory and only its end is held here.
    public var outputTruncated: Bool { stdoutByteCount > stdoutData.count || stderrByteCount > stderrData.count }

    /// Whether the child exited 0 within its time limit.
    public var succeeded: Bool { exitCode == 0 && !timedOut }

    /// Wall time from spawn to reap, in seconds.
    public var duration: TimeInterval { finished.timeIntervalSince(started) }

    /// Standard output decoded as UTF-8 (invalid bytes replaced).
    public var stdout: String { String(decoding: stdoutData, as: UTF8.self) }

    /// Standard error decoded as UTF-8 (invalid bytes replaced).
    public var stderr: String { String(decoding: stderrData, as: UTF8.self) }

    /// The argv as one shell-like line, for messages.
    public var commandLine: String { argv.map(Self.quoted).joined(separator: " ") }

    /// "exit 3", "signal 9" or "timed out": how a person would say it.
    public var terminationDescription: String {
        if timedOut { return "timed out" }
        switch termination {
        case let .exited(code): return "exit \(code)"
        case let .signaled(number): return "signal \(number)"
        }
    }

    /// The last `lines` lines of standard output and of standard error, labelled.
    public func tail(lines: Int = 20) -> String {
        var parts: [String] = []
        let out = Self.lastLines(of: stdout, count: lines)
        let err = Self.lastLines(of: stderr, count: lines)
        if !out.isEmpty { parts.append("--- stdout (tail) ---\n" + out) }
        if !err.isEmpty { parts.append("--- stderr (tail) ---\n" + err) }
        return parts.joined(separator: "\n")
    }

    /// The last `count` lines of `text`, ignoring trailing blank lines.
    public static func lastLines(of text: String, count: Int) -> String {
        guard count > 0 else { return "" }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
        return lines.suffix(count).joined(separator: "\n")
    }

    /// This result, or `ProcessError.timedOut` / `.unsuccessful` when it did not succeed.
    @discardableResult
    public func requireSuccess() throws -> CommandResult {
        if timedOut { throw ProcessError.timedOut(self) }
        guard exitCode == 0 else { throw ProcessError.unsuccessful(self) }
        return self
    }

    /// What the failure classifier needs to know about this call.
    public var observation: FailureClassifier.Observation {
        FailureClassifier.Observation(argv: argv, exitCode: exitCode, timedOut: timedOut, stdout: stdout, stderr: stderr)
    }

    /// The run document's view of this call.
    public var record: CommandRecord {
        CommandRecord(argv: argv, exitCode: timedOut ? nil : exitCode, seconds: duration, timedOut: timedOut, cpuSeconds: cpuSeconds)
    }

    private static func quoted(_ argument: String) -> String {
        let plain = argument.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:@,+%".contains($0) }
        if plain, !argument.isEmpty { return argument }
        return "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
