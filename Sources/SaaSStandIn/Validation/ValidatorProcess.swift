import CanaryCore
import Foundation
import Glibc

/// One running helper process that answers one line per request line, started by the one
/// process runner in its own process group, ended by that group, never by name.
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
    private let process: LaunchedProcess
    private let requestFD: Int32
    private let answerFD: Int32
    private let stderrPath: String
    private var pending: [UInt8] = []
    private var ended = false

    /// How long a process that was sent EOF may take to exit before its group is killed.
    static let exitGrace: TimeInterval = 2

    /// Starts `arguments` (an absolute executable first) with stdin and stdout on pipes
    /// and stderr in a temp file, so a chatty or dying child can never block us.
    init(arguments: [String]) throws {
        precondition(!arguments.isEmpty, "a command needs an executable")
        // Writing to a child that died must cost an EPIPE, never this process.
        signal(SIGPIPE, SIG_IGN)
        stderrPath = (NSTemporaryDirectory() as NSString).appendingPathComponent("standin-validator-\(UUID().uuidString).stderr")
        do {
            process = try ProcessRunner().launch(arguments, standardInput: .pipe, standardOutput: .pipe, standardError: .file(stderrPath))
        } catch {
            unlink(stderrPath)
            throw error
        }
        pid = process.pid
        // Both exist: they were asked for as pipes.
        requestFD = process.standardInput ?? -1
        answerFD = process.standardOutput ?? -1
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
        process.closeStandardInput()
        // stdout reaching EOF means the helper is gone (or at least done with us).
        let deadline = Date(timeIntervalSinceNow: grace)
        while (try? readLine(deadline: deadline)) != nil {}
        process.end(grace: 0)
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
}
