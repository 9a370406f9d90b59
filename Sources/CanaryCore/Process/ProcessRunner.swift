import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs commands as child processes, each in its own process group, and records them.
///
/// Modelled on swift-package-manager's `AsyncProcess`: `posix_spawn` with
/// `POSIX_SPAWN_SETPGROUP`, stdin from `/dev/null`, both output pipes drained
/// by one `poll` loop so a chatty child can never block on a full pipe, and
/// EINTR-safe reads and waits. The loop runs on the caller's thread (no
/// thread or hand-off per run) and never sits in a blocking `waitpid`; a
/// timeout signals the whole group (`kill(-pgid, …)`) so grandchildren die
/// with their parent.
///
/// Every group started is remembered until it is empty, so a test can assert
/// `liveChildren()` is empty at teardown. A descendant that left its group
/// (`setsid`) is still found, by the `CANARY_PROCESS_TAG` every child
/// inherits (`EscapedDescendants`): a timeout ends it with its command, and
/// `liveChildren()` and `terminateAll()` count it.
public final class ProcessRunner: @unchecked Sendable {
    /// Limit for a command that does not name its own.
    public let defaultTimeout: TimeInterval
    /// Time between SIGTERM and SIGKILL when a command times out.
    public let terminationGrace: TimeInterval
    /// How long output is still read after the child exits, while a
    /// descendant keeps the pipes open.
    public let drainGrace: TimeInterval

    /// Bytes of one output stream kept in memory before it spills to a file.
    public let outputMemoryLimit: Int
    /// Bytes of a spilled stream's end still kept in memory, for failure details.
    public let outputTailLimit: Int

    private let logSink: CommandLogSink?
    private let spillDirectory: URL
    /// This runner's tag; each command's is `<tag>.<n>`.
    private let tag = "runner-" + UUID().uuidString.prefix(13).lowercased()
    private var started = 0
    private let lock = Lock()
    private var sequence = 0
    private var groups: Set<pid_t> = []

    /// A runner; `logSink` receives every finished command.
    ///
    /// An output stream longer than `outputMemoryLimit` is written whole to a
    /// file in `spillDirectory` (moved into the command log when the sink keeps
    /// files, removed otherwise) and only its last `outputTailLimit` bytes stay
    /// in the result.
    public init(
        logSink: CommandLogSink? = nil,
        defaultTimeout: TimeInterval = 300,
        terminationGrace: TimeInterval = 3,
        drainGrace: TimeInterval = 2,
        outputMemoryLimit: Int = 16 << 20,
        outputTailLimit: Int = 256 << 10,
        spillDirectory: URL = FileManager.default.temporaryDirectory
    ) {
        self.logSink = logSink
        self.outputMemoryLimit = outputMemoryLimit
        self.outputTailLimit = outputTailLimit
        self.spillDirectory = spillDirectory
        self.defaultTimeout = defaultTimeout
        self.terminationGrace = terminationGrace
        self.drainGrace = drainGrace
    }

    /// Runs `argv` to completion and returns what happened.
    ///
    /// A non-zero exit or a timeout is a *result*, not an error: call
    /// `requireSuccess()` on it when the caller needs one. Throws only when
    /// the command could not be started. `output` sees each chunk of stdout
    /// and stderr as it arrives (a long script's progress; true marks stderr),
    /// on this thread; the result still holds all of it. A chunk is raw bytes:
    /// it may end inside a UTF-8 character.
    public func run(
        _ argv: [String],
        environment: ProcessEnvironment = .inheriting(),
        workingDirectory: URL? = nil,
        timeout: TimeInterval? = nil,
        label: String? = nil,
        output: ((_ chunk: Data, _ isStandardError: Bool) -> Void)? = nil
    ) throws -> CommandResult {
        precondition(!argv.isEmpty, "argv must name an executable")
        let executable = try ExecutableLocator.resolve(argv[0], searchPath: environment["PATH"])
        let stdoutPipe = try ChildPipe()
        let stderrPipe: ChildPipe
        do { stderrPipe = try ChildPipe() } catch {
            stdoutPipe.closeBoth()
            throw error
        }

        let started = Date()
        let commandTag = nextTag()
        var environment = environment
        environment[EscapedDescendants.tagVariable] = commandTag
        let pid: pid_t
        do {
            pid = try spawn(
                executable: executable, argv: argv, environment: environment,
                workingDirectory: workingDirectory, stdout: stdoutPipe.writeEnd, stderr: stderrPipe.writeEnd
            )
        } catch {
            stdoutPipe.closeBoth()
            stderrPipe.closeBoth()
            throw error
        }
        // The child holds its own copies; keeping ours would hide EOF.
        close(stdoutPipe.writeEnd)
        close(stderrPipe.writeEnd)
        track(group: pid)

        func capture() -> OutputCapture {
            OutputCapture(memoryLimit: outputMemoryLimit, tailLimit: outputTailLimit, spillDirectory: spillDirectory)
        }
        var supervisor = ChildSupervisor(
            pid: pid, stdoutFD: stdoutPipe.readEnd, stderrFD: stderrPipe.readEnd,
            timeout: timeout ?? defaultTimeout, terminationGrace: terminationGrace, drainGrace: drainGrace,
            onOutput: output, stdoutCapture: capture(), stderrCapture: capture()
        )
        let outcome = supervisor.supervise()
        if outcome.timedOut {
            // The group is gone; what left it goes with it.
            EscapedDescendants.end(EscapedDescendants.pids(tag: commandTag), grace: 0)
        }
        forgetIfEmpty(group: pid)

        var result = CommandResult(
            argv: argv,
            executablePath: executable,
            workingDirectory: workingDirectory?.path,
            termination: outcome.termination ?? .signaled(SIGKILL),
            timedOut: outcome.timedOut,
            stdout: outcome.stdout.data,
            stderr: outcome.stderr.data,
            started: started,
            finished: Date()
        )
        result.cpuSeconds = outcome.cpuSeconds
        result.stdoutByteCount = outcome.stdout.byteCount
        result.stderrByteCount = outcome.stderr.byteCount
        result.stdoutSpillPath = outcome.stdout.spillPath
        result.stderrSpillPath = outcome.stderr.spillPath
        let number = nextSequence()
        logSink?.record(result, sequence: number, label: label ?? Self.defaultLabel(for: argv))
        // A sink that keeps files has moved the spills into its log; whatever is left goes.
        for spill in [result.stdoutSpillPath, result.stderrSpillPath].compactMap({ $0 }) {
            try? FileManager.default.removeItem(atPath: spill)
        }
        result.stdoutSpillPath = nil
        result.stderrSpillPath = nil
        return result
    }

    /// Process groups this runner started that still have a live member, then descendants that left them.
    ///
    /// A group outlives its leader when a grandchild keeps running (`cmd &`),
    /// and a descendant outlives its group when it calls `setsid`; those are
    /// exactly the leaks a teardown assertion should catch.
    public func liveChildren() -> [pid_t] {
        let live = lock.withLock {
            groups = groups.filter(Self.groupHasMembers)
            return groups
        }
        return live.sorted() + escaped(outside: live)
    }

    /// SIGTERMs every live group and escaped descendant, then SIGKILLs what is left after `grace`.
    public func terminateAll(grace: TimeInterval = 1) {
        let groups = lock.withLock { self.groups.filter(Self.groupHasMembers) }
        let escapees = escaped(outside: groups)
        guard !groups.isEmpty || !escapees.isEmpty else { return }
        for group in groups { kill(-group, SIGTERM) }
        escapees.forEach { kill($0, SIGTERM) }
        let deadline = Date().addingTimeInterval(grace)
        while Date() < deadline, !liveChildren().isEmpty { usleep(10000) }
        for group in lock.withLock({ self.groups.filter(Self.groupHasMembers) }) { kill(-group, SIGKILL) }
        escaped(outside: []).forEach { kill($0, SIGKILL) }
    }

    /// Tagged processes of this runner outside `groups`.
    private func escaped(outside groups: Set<pid_t>) -> [pid_t] {
        // Tags are `<runner>.<n>`; the trailing dot keeps runner-a from matching runner-ab.
        EscapedDescendants.pids(tagPrefix: tag + ".", outside: groups)
    }

    /// "spec-kitty-sync-status" for `[…/spec-kitty, sync, status, --check]`.
    public static func defaultLabel(for argv: [String]) -> String {
        let tool = (argv.first ?? "command").split(separator: "/").last.map(String.init) ?? "command"
        let words = argv.dropFirst().prefix { !$0.hasPrefix("-") }.prefix(3)
        return ([tool] + words).joined(separator: "-")
    }

    // MARK: - Internals

    func spawn(
        executable: String,
        argv: [String],
        environment: ProcessEnvironment,
        workingDirectory: URL?,
        stdin: Int32? = nil,
        stdout: Int32,
        stderr: Int32
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let stdin {
            posix_spawn_file_actions_adddup2(&actions, stdin, 0)
        } else {
            // Several CLI commands prompt when stdin is a terminal or a pipe left
            // open; /dev/null also means a child can never SIGPIPE us.
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        if let addClosefrom = PosixSpawnSupport.addClosefrom {
            // Keeps sockets and database handles of this process out of the CLI.
            _ = addClosefrom(&actions, 3)
        }
        if let directory = workingDirectory {
            guard let addChdir = PosixSpawnSupport.addChdir else {
                throw ProcessError.setupFailed(operation: "posix_spawn_file_actions_addchdir_np", errno: ENOSYS)
            }
            let code = directory.path.withCString { addChdir(&actions, $0) }
            guard code == 0 else { throw ProcessError.setupFailed(operation: "addchdir", errno: code) }
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Own process group: the timeout can signal the child and all of its
        // descendants at once, and a Ctrl-C aimed at us does not reach it.
        posix_spawnattr_setpgroup(&attributes, 0)
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        // Ignored dispositions survive exec; a child must start with defaults.
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        let flags = POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
        posix_spawnattr_setflags(&attributes, Int16(flags))

        let cArgv = PosixSpawnSupport.makeCStringArray(argv)
        defer { PosixSpawnSupport.freeCStringArray(cArgv) }
        let cEnvironment = PosixSpawnSupport.makeCStringArray(environment.entries)
        defer { PosixSpawnSupport.freeCStringArray(cEnvironment) }

        var pid: pid_t = 0
        let code = cArgv.withUnsafeBufferPointer { argvBuffer in
            cEnvironment.withUnsafeBufferPointer { envBuffer in
                posix_spawn(&pid, executable, &actions, &attributes, argvBuffer.baseAddress!, envBuffer.baseAddress!)
            }
        }
        guard code == 0 else { throw ProcessError.launchFailed(argv: argv, errno: code) }
        return pid
    }

    func track(group: pid_t) {
        _ = lock.withLock { groups.insert(group) }
    }

    func forgetIfEmpty(group: pid_t) {
        lock.withLock {
            if !Self.groupHasMembers(group) { groups.remove(group) }
        }
    }

    func nextTag() -> String {
        lock.withLock {
            started += 1
            return "\(tag).\(started)"
        }
    }

    private func nextSequence() -> Int {
        lock.withLock {
            sequence += 1
            return sequence
        }
    }

    /// Whether any process of `group` is alive (not a zombie).
    static func groupHasMembers(_ group: pid_t) -> Bool {
        // Signal 0 checks existence only: the cheap answer for the usual case.
        if kill(-group, 0) != 0, errno == ESRCH { return false }
        // Killed descendants linger as zombies until their new parent (init)
        // reaps them, and a zombie still counts for kill(); it is not alive.
        return ProcessTable.pids().contains { pid in
            guard let status = ProcessTable.status(of: pid) else { return false }
            return status.processGroup == group && status.isAlive
        }
    }
}
