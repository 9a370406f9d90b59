import Foundation
import Glibc

/// One running helper process that answers one line per request line: spawned in its
/// own process group with close-on-exec pipes, ended by that group, never by name.
///
/// Not thread-safe: `EventsValidatorClient` serializes every call under its lock.
final class ValidatorProcess {
    /// Why an exchange with the process failed.
    enum Failure: Error, Equatable {
        /// The process closed its stdout or stdin (it exited or crashed); `stderrTail` says why if it said anything.
        case exited(stderrTail: String)
        /// No complete answer line arrived in time.
        case timedOut
        /// A system call failed.
        case systemCall(String, errno: Int32)
    }

    /// The child's pid, also its process group id.
    let pid: pid_t
    private let requestFD: Int32
    private let answerFD: Int32
    private let stderrPath: String
    private var pending: [UInt8] = []
    private var ended = false

    /// How long a process that was sent EOF may take to exit before its group is killed.
    static let exitGrace: TimeInterval = 2

    /// Spawns `arguments` (an absolute executable first) with stdin and stdout on pipes
    /// and stderr in a temp file, so a chatty or dying child can never block us.
    init(arguments: [String]) throws {
        precondition(!arguments.isEmpty, "a command needs an executable")
        // Writing to a child that died must cost an EPIPE, never this process.
        signal(SIGPIPE, SIG_IGN)
        stderrPath = (NSTemporaryDirectory() as NSString).appendingPathComponent("standin-validator-\(UUID().uuidString).stderr")

        var requestPipe: [Int32] = [-1, -1]
        var answerPipe: [Int32] = [-1, -1]
        // CLOEXEC: CLI processes spawned concurrently by tests must not inherit our ends,
        // or the helper would never see EOF on its stdin.
        guard Self.pipe2(&requestPipe, O_CLOEXEC) == 0 else { throw Failure.systemCall("pipe2", errno: errno) }
        guard Self.pipe2(&answerPipe, O_CLOEXEC) == 0 else {
            let code = errno
            requestPipe.forEach { _ = close($0) }
            throw Failure.systemCall("pipe2", errno: code)
        }
        let stderrFD = open(stderrPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        defer {
            // The child holds its own copies; the parent keeps only its two ends.
            _ = close(requestPipe[0])
            _ = close(answerPipe[1])
            if stderrFD >= 0 { _ = close(stderrFD) }
        }
        guard stderrFD >= 0 else {
            let code = errno
            [requestPipe[1], answerPipe[0]].forEach { _ = close($0) }
            throw Failure.systemCall("open \(stderrPath)", errno: code)
        }

        do {
            pid = try Self.spawn(arguments, stdin: requestPipe[0], stdout: answerPipe[1], stderr: stderrFD)
        } catch {
            [requestPipe[1], answerPipe[0]].forEach { _ = close($0) }
            unlink(stderrPath)
            throw error
        }
        requestFD = requestPipe[1]
        answerFD = answerPipe[0]
        // Non-blocking writes, so a helper that stops reading cannot hold a request past its deadline.
        _ = fcntl(requestFD, F_SETFL, fcntl(requestFD, F_GETFL) | O_NONBLOCK)
    }

    deinit { terminate() }

    /// Sends `line` (newline added) and returns the next answer line, both before `deadline`.
    func exchange(_ line: String, deadline: Date) throws -> String {
        guard !ended else { throw Failure.exited(stderrTail: stderrTail()) }
        try write(Array((line + "\n").utf8), deadline: deadline)
        return try readLine(deadline: deadline)
    }

    /// Closes stdin (the helper exits at EOF), waits up to `grace` for it to go, then kills
    /// the process group and reaps the child. Idempotent.
    func terminate(grace: TimeInterval = ValidatorProcess.exitGrace) {
        guard !ended else { return }
        ended = true
        _ = close(requestFD)
        // stdout reaching EOF means the helper is gone (or at least done with us).
        let deadline = Date(timeIntervalSinceNow: grace)
        while (try? readLine(deadline: deadline)) != nil {}
        _ = close(answerFD)
        // The leader is still unreaped here (alive or a zombie), so its pid, which is the
        // group id, cannot have been reused: this signal reaches our group only.
        kill(-pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        unlink(stderrPath)
    }

    /// The last lines the helper wrote to stderr, for failure messages.
    func stderrTail(maxBytes: Int = 2000) -> String {
        guard let data = FileManager.default.contents(atPath: stderrPath), !data.isEmpty else { return "" }
        return String(decoding: data.suffix(maxBytes), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    // MARK: - I/O

    private func write(_ bytes: [UInt8], deadline: Date) throws {
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { Glibc.write(requestFD, $0.baseAddress, $0.count) }
            if count > 0 {
                offset += count
                continue
            }
            switch errno {
            case EINTR: continue
            case EAGAIN: try waitFor(POLLOUT, on: requestFD, until: deadline)
            case EPIPE: throw Failure.exited(stderrTail: stderrTail())
            default: throw Failure.systemCall("write", errno: errno)
            }
        }
    }

    private func readLine(deadline: Date) throws -> String {
        while true {
            if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[..<newline], as: UTF8.self)
                pending.removeSubrange(...newline)
                return line
            }
            try waitFor(POLLIN, on: answerFD, until: deadline)
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            let count = buffer.withUnsafeMutableBytes { Glibc.read(answerFD, $0.baseAddress, $0.count) }
            if count > 0 {
                pending += buffer[..<count]
            } else if count == 0 {
                throw Failure.exited(stderrTail: stderrTail())
            } else if errno != EINTR && errno != EAGAIN {
                throw Failure.systemCall("read", errno: errno)
            }
        }
    }

    /// Returns once `fd` is ready for `event` (or hung up, which the next call reports).
    private func waitFor(_ event: Int32, on fd: Int32, until deadline: Date) throws {
        var descriptor = pollfd(fd: fd, events: Int16(event), revents: 0)
        while true {
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 { throw Failure.timedOut }
            let ready = poll(&descriptor, 1, Int32(min(remaining * 1000, Double(Int32.max)).rounded(.up)))
            if ready > 0 { return }
            if ready < 0 && errno != EINTR { throw Failure.systemCall("poll", errno: errno) }
        }
    }

    // MARK: - Spawning

    /// glibc's `pipe2`, which Swift's Glibc module hides behind `_GNU_SOURCE`. `pipe` plus
    /// `fcntl(FD_CLOEXEC)` would leave a window in which a thread spawning a CLI inherits
    /// both ends; `pipe2` sets the flag atomically.
    private static func pipe2(_ fds: UnsafeMutablePointer<Int32>, _ flags: Int32) -> Int32 {
        guard let function = pipe2Function else {
            errno = ENOSYS
            return -1
        }
        return function(fds, flags)
    }

    private static let pipe2Function: (@convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32)? = {
        // RTLD_DEFAULT is the null handle on glibc.
        dlsym(UnsafeMutableRawPointer(bitPattern: 0), "pipe2").map {
            unsafeBitCast($0, to: (@convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32).self)
        }
    }()

    private static func spawn(_ arguments: [String], stdin: Int32, stdout: Int32, stderr: Int32) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // dup2 clears close-on-exec on the targets only: the child keeps 0, 1 and 2.
        posix_spawn_file_actions_adddup2(&actions, stdin, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Its own group (pgid = pid) so one kill(-pid) ends it and anything it started;
        // default dispositions because `canary standin` ignores SIGINT/SIGTERM/SIGPIPE and
        // ignored signals survive exec; an empty mask for the same reason.
        posix_spawnattr_setpgroup(&attributes, 0)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for number in [SIGPIPE, SIGINT, SIGTERM] { sigaddset(&defaults, number) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, environ)
        guard code == 0 else { throw Failure.systemCall("posix_spawn \(arguments[0])", errno: code) }
        return pid
    }
}
