import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Drains one child's two pipes and reaps it, on a thread of its own.
///
/// Written only by `collect()` before the runner's semaphore is signalled,
/// read only after; the semaphore orders the accesses.
final class ChildCollector: @unchecked Sendable {
    let pid: pid_t
    let stdoutFD: Int32
    let stderrFD: Int32
    let drainGrace: TimeInterval
    private(set) var stdout = Data()
    private(set) var stderr = Data()
    private(set) var termination: CommandResult.Termination?

    init(pid: pid_t, stdoutFD: Int32, stderrFD: Int32, drainGrace: TimeInterval) {
        self.pid = pid
        self.stdoutFD = stdoutFD
        self.stderrFD = stderrFD
        self.drainGrace = drainGrace
    }

    func collect() {
        defer {
            close(stdoutFD)
            close(stderrFD)
        }
        var open: [Int32: Bool] = [stdoutFD: true, stderrFD: true]
        var reapedAt: Date?
        var buffer = [UInt8](repeating: 0, count: 65536)

        while open.values.contains(true) {
            if let reapedAt, Date().timeIntervalSince(reapedAt) > drainGrace {
                // A background descendant holds the pipe; its output after
                // the leader's exit is not this command's output.
                break
            }
            var fds = open.filter(\.value).keys.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            // Poll with a short period only to notice the leader's exit while
            // a descendant keeps the pipes open; normal EOF wakes us at once.
            let ready = poll(&fds, nfds_t(fds.count), 50)
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            for entry in fds where entry.revents != 0 {
                let count = buffer.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    if entry.fd == stdoutFD {
                        stdout.append(contentsOf: buffer[0 ..< count])
                    } else {
                        stderr.append(contentsOf: buffer[0 ..< count])
                    }
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    open[entry.fd] = false
                }
            }
            // Cheap (one syscall) and bounded by poll's period: a descendant
            // that keeps writing cannot hide the leader's exit.
            if reapedAt == nil, reap(blocking: false) { reapedAt = Date() }
        }
        if termination == nil { _ = reap(blocking: true) }
    }

    /// Collects the exit status; true once the child is gone.
    private func reap(blocking: Bool) -> Bool {
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, blocking ? 0 : WNOHANG)
            if result == pid {
                termination = PosixSpawnSupport.termination(fromWaitStatus: status)
                return true
            }
            if result == 0 { return false }
            if errno == EINTR { continue }
            // ECHILD: someone else reaped it; the status is lost.
            termination = termination ?? .signaled(0)
            return true
        }
    }
}
