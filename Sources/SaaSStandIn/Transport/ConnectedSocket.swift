import CanaryCore
import Foundation
import Glibc

/// A connected TCP stream with deadline-bounded reads and SIGPIPE-free writes.
public final class ConnectedSocket: @unchecked Sendable {
    /// What one read produced.
    public enum ReadResult: Equatable {
        /// Bytes arrived.
        case bytes([UInt8])
        /// The peer closed its side (or the socket was shut down to stop the server).
        case endOfStream
        /// Nothing arrived before the deadline.
        case timedOut
    }

    /// The descriptor, for registries that must shut it down from another thread.
    let fd: Int32
    private let lock = Lock()
    private var closed = false

    /// Takes ownership of a connected descriptor.
    init(adopting fd: Int32) {
        self.fd = fd
        // A peer that stops reading must not hold a writer forever.
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        _ = setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var one: Int32 = 1
        _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    deinit { close() }

    /// Connects to `host:port` (IPv4), close-on-exec.
    public static func connect(host: String, port: UInt16) throws -> ConnectedSocket {
        let address = try SocketAddress(host: host, port: port)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SocketError.lastError("socket") }
        while address.withSockAddr({ Glibc.connect(fd, $0, $1) }) != 0 {
            if errno == EINTR { continue }
            let failure = SocketError.lastError("connect \(host):\(port)")
            Glibc.close(fd)
            throw failure
        }
        return ConnectedSocket(adopting: fd)
    }

    /// Reads up to `maxBytes`, waiting until `deadline` at most.
    public func read(maxBytes: Int = 64 * 1024, deadline: Date) throws -> ReadResult {
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while true {
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 { return .timedOut }
            let ready = poll(&descriptor, 1, Int32(min(remaining * 1000, Double(Int32.max)).rounded(.up)))
            if ready < 0 {
                if errno == EINTR { continue }
                throw SocketError.lastError("poll")
            }
            if ready == 0 { continue }
            var buffer = [UInt8](repeating: 0, count: maxBytes)
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, maxBytes, 0) }
            if count > 0 { return .bytes(Array(buffer[0 ..< count])) }
            if count == 0 { return .endOfStream }
            switch errno {
            case EINTR, EAGAIN: continue
            case ECONNRESET, ENOTCONN, EBADF: return .endOfStream
            default: throw SocketError.lastError("recv")
            }
        }
    }

    /// Whether an idle connection has something to read: between exchanges that
    /// can only be the peer's close (or stray bytes), so the connection is stale.
    func hasPendingInputOrHangUp() -> Bool {
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, 0) != 0
    }

    /// Writes every byte; MSG_NOSIGNAL so a vanished peer is an error, not a dead process.
    public func write(_ data: Data) throws {
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                let sent = send(fd, base + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                if sent > 0 {
                    offset += sent
                    continue
                }
                switch errno {
                case EINTR: continue
                case EAGAIN: throw SocketError.timedOut("writing to peer")
                case EPIPE, ECONNRESET: throw SocketError.closedByPeer
                default: throw SocketError.lastError("send")
                }
            }
        }
    }

    /// Ends the sending direction: the peer reads what was written, then end of stream.
    func finishWriting() {
        lock.withLock {
            if !closed { _ = Glibc.shutdown(fd, Int32(SHUT_WR)) }
        }
    }

    /// Ends both directions, waking any thread blocked on this socket.
    func shutdown() {
        lock.withLock {
            if !closed { _ = Glibc.shutdown(fd, Int32(SHUT_RDWR)) }
        }
    }

    /// Releases the descriptor; safe to call more than once.
    public func close() {
        lock.withLock {
            guard !closed else { return }
            closed = true
            _ = Glibc.close(fd)
        }
    }
}
