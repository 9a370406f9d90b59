import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Watches one spawned child on the caller's thread: drains both pipes,
/// enforces the time limit on its process group, and reaps it.
///
/// One `poll` loop does it all, so a run costs no thread and no hand-off:
/// the caller blocks in `poll`, never in a bare `waitpid` that a timeout
/// could not interrupt.
struct ChildSupervisor {
    /// What the child did.
    struct Outcome {
        var stdout: OutputCapture.Captured
        var stderr: OutputCapture.Captured
        var termination: CommandResult.Termination?
        var timedOut = false
        /// CPU time (user + system) of the child and the descendants it reaped; nil when its status was lost.
        var cpuSeconds: Double?
    }

    let pid: pid_t
    let stdoutFD: Int32
    let stderrFD: Int32
    /// From spawn to SIGTERM of the group.
    let timeout: TimeInterval
    /// From SIGTERM to SIGKILL of the group.
    let terminationGrace: TimeInterval
    /// How long output is still read after the leader exits while a
    /// descendant keeps the pipes open.
    let drainGrace: TimeInterval
    /// Receives each chunk of stdout or stderr as it is read (true for stderr), for live progress.
    let onOutput: ((Data, Bool) -> Void)?
    /// Holds the child's stdout: in memory, or spilled past its limit.
    var stdoutCapture: OutputCapture
    /// Holds the child's stderr likewise.
    var stderrCapture: OutputCapture

    /// Runs until the child is reaped and its output drained; closes both read ends.
    mutating func supervise() -> Outcome {
        defer {
            close(stdoutFD)
            close(stderrFD)
        }
        var termination: CommandResult.Termination?
        var cpuSeconds: Double?
        var timedOut = false
        var open: Set<Int32> = [stdoutFD, stderrFD]
        var reapedAt: Date?
        var nextSignal = (at: Date().addingTimeInterval(timeout), signal: SIGTERM)
        var signalsLeft = 2
        var idleMicroseconds = 100
        var buffer = [UInt8](repeating: 0, count: 65536)

        while true {
            let now = Date()
            if signalsLeft > 0, now >= nextSignal.at {
                timedOut = true
                kill(-pid, nextSignal.signal)
                signalsLeft -= 1
                nextSignal = (now.addingTimeInterval(terminationGrace), SIGKILL)
            }
            if let reapedAt {
                // A background descendant holds the pipe; what it writes after
                // the leader's exit is not this command's output.
                if open.isEmpty || now.timeIntervalSince(reapedAt) > drainGrace { break }
            }

            var fds = open.sorted().map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let untilSignal = signalsLeft > 0 ? max(0, nextSignal.at.timeIntervalSince(now)) : .infinity
            if fds.isEmpty {
                // Both pipes closed: the leader is exiting. Back off from
                // 0.1 ms so the usual zombie-in-microseconds costs nothing and
                // a child that merely closed its outputs costs no busy loop.
                usleep(useconds_t(min(Double(idleMicroseconds), untilSignal * 1_000_000)))
                idleMicroseconds = min(idleMicroseconds * 2, 50000)
            } else {
                // Output and EOF wake us at once; the 50 ms period only bounds
                // how late we notice an exit that leaves the pipes open.
                let milliseconds = Int32(min(50, (untilSignal * 1000).rounded(.up)))
                if poll(&fds, nfds_t(fds.count), milliseconds) < 0, errno != EINTR {
                    // Cannot happen with valid descriptors; stop reading but
                    // still reap and enforce the limit rather than leak a zombie.
                    open.removeAll()
                    continue
                }
            }
            for entry in fds where entry.revents != 0 {
                let count = buffer.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    let chunk = Data(buffer[0 ..< count])
                    let isStandardError = entry.fd != stdoutFD
                    if isStandardError {
                        stderrCapture.append(chunk)
                    } else {
                        stdoutCapture.append(chunk)
                    }
                    onOutput?(chunk, isStandardError)
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    open.remove(entry.fd)
                }
            }
            if reapedAt == nil, let ended = reap() {
                (termination, cpuSeconds) = ended
                reapedAt = Date()
            }
        }
        if timedOut {
            // Descendants that outlived the leader (or ignored SIGTERM) go too.
            // While any member lives Linux cannot hand that pid to a new
            // process, so this reaches only our group (or nobody: ESRCH).
            kill(-pid, SIGKILL)
        }
        return Outcome(stdout: stdoutCapture.finish(), stderr: stderrCapture.finish(), termination: termination, timedOut: timedOut,
                       cpuSeconds: cpuSeconds)
    }

    /// The child's termination and CPU time once it has exited; nil while it runs.
    ///
    /// `wait4` rather than `waitpid`: its resource usage is the child's own, so
    /// a run can say how much of its time was CPU (Python start-up) and how much waiting.
    private func reap() -> (CommandResult.Termination, Double?)? {
        var status: Int32 = 0
        var usage = rusage()
        while true {
            let result = wait4(pid, &status, WNOHANG, &usage)
            if result == pid { return (PosixSpawnSupport.termination(fromWaitStatus: status), PosixSpawnSupport.cpuSeconds(usage)) }
            if result == 0 { return nil }
            if errno == EINTR { continue }
            // ECHILD: someone else reaped it and the status is lost.
            return (.signaled(0), nil)
        }
    }
}
