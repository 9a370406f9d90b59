import CanaryCore
import Glibc

/// A TCP listener on one IPv4 address. Close-on-exec, so spawned CLIs never inherit it.
final class ListeningSocket: @unchecked Sendable {
    /// The port actually bound.
    let port: UInt16
    private let fd: Int32
    private let lock = Lock()
    private var closed = false

    /// Binds and listens on `host:port` (port 0 lets the kernel choose).
    init(host: String, port: UInt16, backlog: Int32 = 128) throws {
        let address = try SocketAddress(host: host, port: port)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SocketError.lastError("socket") }
        var ready = false
        defer { if !ready { Glibc.close(fd) } }
        // A restarted stand-in on a fixed --port must not wait out TIME_WAIT.
        var one: Int32 = 1
        guard setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size)) == 0 else {
            throw SocketError.lastError("setsockopt(SO_REUSEADDR)")
        }
        guard address.withSockAddr({ bind(fd, $0, $1) }) == 0 else { throw SocketError.lastError("bind \(host):\(port)") }
        guard listen(fd, backlog) == 0 else { throw SocketError.lastError("listen") }
        self.port = try SocketAddress.boundPort(of: fd)
        self.fd = fd
        ready = true
    }

    deinit { close() }

    /// Waits for the next connection; nil once the listener was closed.
    func accept() -> ConnectedSocket? {
        while true {
            let client = Self.acceptCloseOnExec(fd)
            if client >= 0 { return ConnectedSocket(adopting: client) }
            let code = errno
            if lock.withLock({ closed }) { return nil }
            switch code {
            case EINTR, ECONNABORTED, EPROTO:
                continue
            case EMFILE, ENFILE, ENOBUFS, ENOMEM:
                // Out of descriptors: back off instead of spinning; connections will free some.
                usleep(10_000)
            default:
                return nil
            }
        }
    }

    private typealias Accept4 = @convention(c) (Int32, UnsafeMutablePointer<sockaddr>?, UnsafeMutablePointer<socklen_t>?, Int32) -> Int32

    /// Glibc's `accept4`, which Swift's Glibc module hides behind _GNU_SOURCE; found at run time.
    private static let accept4: Accept4? = dlsym(nil, "accept4").map { unsafeBitCast($0, to: Accept4.self) }

    /// Accepts with FD_CLOEXEC set atomically (accept4), so a CLI spawned by another
    /// thread in the same instant cannot inherit the connection.
    private static func acceptCloseOnExec(_ fd: Int32) -> Int32 {
        if let accept4 { return accept4(fd, nil, nil, Int32(SOCK_CLOEXEC.rawValue)) }
        let client = Glibc.accept(fd, nil, nil)
        if client >= 0 { _ = fcntl(client, F_SETFD, FD_CLOEXEC) }
        return client
    }

    /// Wakes a blocked `accept` (shutdown first: close alone does not) and releases the port.
    func close() {
        let wasOpen = lock.withLock { () -> Bool in
            defer { closed = true }
            return !closed
        }
        guard wasOpen else { return }
        _ = shutdown(fd, Int32(SHUT_RDWR))
        _ = Glibc.close(fd)
    }
}
