import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One pipe between the runner and a child, close-on-exec on both ends.
struct ChildPipe {
    /// The end that is read (the runner's for stdout and stderr, the child's for stdin).
    let readEnd: Int32
    /// The end that is written.
    let writeEnd: Int32

    /// Opens a pipe, close-on-exec atomically where `pipe2` exists.
    init() throws {
        var fds: [Int32] = [-1, -1]
        if let pipe2 = PosixSpawnSupport.pipe2 {
            guard pipe2(&fds, O_CLOEXEC) == 0 else { throw ProcessError.setupFailed(operation: "pipe2", errno: errno) }
        } else {
            guard pipe(&fds) == 0 else { throw ProcessError.setupFailed(operation: "pipe", errno: errno) }
            _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        }
        readEnd = fds[0]
        writeEnd = fds[1]
    }

    /// Closes both ends (before a failed spawn).
    func closeBoth() {
        close(readEnd)
        close(writeEnd)
    }
}
