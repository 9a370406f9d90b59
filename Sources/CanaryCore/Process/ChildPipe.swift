import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One output pipe of a child, close-on-exec on the parent's side.
struct ChildPipe {
    /// The end the runner reads.
    let readEnd: Int32
    /// The end the child gets as stdout or stderr.
    let writeEnd: Int32

    /// Opens a pipe.
    init() throws {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw ProcessError.setupFailed(operation: "pipe", errno: errno) }
        // Not atomic like pipe2(O_CLOEXEC), which Swift does not import; the
        // runner's own children close every inherited descriptor anyway.
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        readEnd = fds[0]
        writeEnd = fds[1]
    }

    /// Closes both ends (before a failed spawn).
    func closeBoth() {
        close(readEnd)
        close(writeEnd)
    }
}
