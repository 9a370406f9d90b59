import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child the runner started and left running: a server, a helper that answers on its stdin.
///
/// It leads its own process group and carries its command's tag, so `end`
/// reaches it, everything it started, and whatever of that left the group;
/// until then the runner's `liveChildren()` counts it.
public final class LaunchedProcess: @unchecked Sendable {
    /// Where one of the child's standard streams goes.
    public enum Stream: Equatable, Sendable {
        /// `/dev/null`.
        case null
        /// A pipe whose other end this object holds.
        case pipe
        /// A file, created or truncated, mode 0600.
        case file(String)
    }

    /// The child's pid, also its process group id.
    public let pid: pid_t
    /// The write end of the child's stdin, when it is a pipe.
    public let standardInput: Int32?
    /// The read end of the child's stdout, when it is a pipe.
    public let standardOutput: Int32?
    /// The read end of the child's stderr, when it is a pipe.
    public let standardError: Int32?
    private let tag: String
    private let runner: ProcessRunner
    private let lock = Lock()
    private var termination: CommandResult.Termination?
    private var pipesClosed = false
    private var inputClosed = false

    init(pid: pid_t, standardInput: Int32?, standardOutput: Int32?, standardError: Int32?, tag: String, runner: ProcessRunner) {
        self.pid = pid
        self.standardInput = standardInput
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.tag = tag
        self.runner = runner
    }

    deinit { end(grace: 0) }

    /// How the child ended, once it has (reaping it); nil while it runs.
    public var exited: CommandResult.Termination? {
        lock.withLock {
            if termination == nil { termination = reap(blocking: false) }
            return termination
        }
    }

    /// Closes our end of the child's stdin (a helper exits at EOF), once.
    public func closeStandardInput() {
        let input = lock.withLock { () -> Int32? in
            defer { inputClosed = true }
            return inputClosed || pipesClosed ? nil : standardInput
        }
        if let input { _ = close(input) }
    }

    /// Waits up to `timeout` for the child to end on its own; nil if it is still running.
    public func waitForExit(timeout: TimeInterval) -> CommandResult.Termination? {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let ended = exited { return ended }
            if Date() >= deadline { return nil }
            usleep(10000)
        }
    }

    /// Ends the child: closes our pipe ends (a helper exits at EOF on stdin), SIGTERMs the group and
    /// whatever left it, SIGKILLs what is left after `grace`, and reaps. Idempotent.
    @discardableResult
    public func end(grace: TimeInterval = 3) -> CommandResult.Termination {
        let pipes = lock.withLock { () -> [Int32] in
            defer { pipesClosed = true }
            return pipesClosed ? [] : [inputClosed ? nil : standardInput, standardOutput, standardError].compactMap { $0 }
        }
        pipes.forEach { _ = close($0) }
        if let ended = lock.withLock({ termination }) {
            // Reaped already: its pid is free for reuse, so the group is signalled only while it still has members.
            if ProcessRunner.groupHasMembers(pid) { kill(-pid, SIGKILL) }
            EscapedDescendants.end(EscapedDescendants.pids(tag: tag), grace: 0)
            runner.forgetIfEmpty(group: pid)
            return ended
        }
        kill(-pid, SIGTERM)
        EscapedDescendants.pids(tag: tag).forEach { kill($0, SIGTERM) }
        let deadline = Date().addingTimeInterval(grace)
        while !Self.hasExited(pid), Date() < deadline { usleep(10000) }
        // Still unreaped (running or a zombie), the leader's pid is the group's id and cannot have been reused.
        kill(-pid, SIGKILL)
        EscapedDescendants.end(EscapedDescendants.pids(tag: tag), grace: 0)
        let ended = lock.withLock {
            if termination == nil { termination = reap(blocking: true) }
            return termination ?? .signaled(SIGKILL)
        }
        runner.forgetIfEmpty(group: pid)
        return ended
    }

    /// Whether `pid` exited (a zombie waiting to be reaped) or is gone, without reaping it.
    private static func hasExited(_ pid: pid_t) -> Bool {
        !(ProcessTable.status(of: pid)?.isAlive ?? false)
    }

    /// SIGKILLs the child alone, as a crash would: nothing it holds is flushed or closed. Reaps it.
    public func killNow() {
        kill(pid, SIGKILL)
        _ = waitForExit(timeout: 10)
    }

    private func reap(blocking: Bool) -> CommandResult.Termination? {
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, blocking ? 0 : WNOHANG)
            if result == pid { return PosixSpawnSupport.termination(fromWaitStatus: status) }
            if result == 0 { return nil }
            if errno == EINTR { continue }
            // ECHILD: reaped already, its status lost.
            return .signaled(0)
        }
    }
}

extension ProcessRunner {
    /// Starts `argv` and leaves it running, in its own process group, with each stream where asked.
    ///
    /// The caller talks to it through the returned pipe ends and ends it with
    /// `LaunchedProcess.end`; `liveChildren()` counts it until then.
    public func launch(
        _ argv: [String],
        environment: ProcessEnvironment = .inheriting(),
        workingDirectory: URL? = nil,
        standardInput: LaunchedProcess.Stream = .null,
        standardOutput: LaunchedProcess.Stream = .null,
        standardError: LaunchedProcess.Stream = .null
    ) throws -> LaunchedProcess {
        precondition(!argv.isEmpty, "argv must name an executable")
        let executable = try ExecutableLocator.resolve(argv[0], searchPath: environment["PATH"])
        var opened: [Int32] = []
        func childEnd(_ stream: LaunchedProcess.Stream, reading: Bool) throws -> (child: Int32?, ours: Int32?) {
            switch stream {
            case .null:
                let descriptor = open("/dev/null", (reading ? O_RDONLY : O_WRONLY) | O_CLOEXEC)
                guard descriptor >= 0 else { throw ProcessError.setupFailed(operation: "open /dev/null", errno: errno) }
                opened.append(descriptor)
                return (descriptor, nil)
            case .pipe:
                let pipe = try ChildPipe()
                opened.append(reading ? pipe.readEnd : pipe.writeEnd)
                return reading ? (pipe.readEnd, pipe.writeEnd) : (pipe.writeEnd, pipe.readEnd)
            case let .file(path):
                let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
                guard descriptor >= 0 else { throw ProcessError.setupFailed(operation: "open \(path)", errno: errno) }
                opened.append(descriptor)
                return (descriptor, nil)
            }
        }
        // The child's ends are closed here once it holds its copies; ours stay with the LaunchedProcess.
        defer { opened.forEach { _ = close($0) } }
        let input = try childEnd(standardInput, reading: true)
        let output = try childEnd(standardOutput, reading: false)
        let errors = try childEnd(standardError, reading: false)
        let ours = [input.ours, output.ours, errors.ours].compactMap { $0 }
        let tag = nextTag()
        var environment = environment
        environment[EscapedDescendants.tagVariable] = tag
        let pid: pid_t
        do {
            pid = try spawn(executable: executable, argv: argv, environment: environment, workingDirectory: workingDirectory,
                            stdin: input.child, stdout: output.child ?? -1, stderr: errors.child ?? -1)
        } catch {
            ours.forEach { _ = close($0) }
            throw error
        }
        track(group: pid)
        if let requests = input.ours {
            // A helper that stops reading must not hold a writer past its deadline.
            _ = fcntl(requests, F_SETFL, fcntl(requests, F_GETFL) | O_NONBLOCK)
        }
        return LaunchedProcess(pid: pid, standardInput: input.ours, standardOutput: output.ours, standardError: errors.ours,
                               tag: tag, runner: self)
    }
}
