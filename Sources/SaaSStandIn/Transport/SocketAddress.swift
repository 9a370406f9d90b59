import Glibc

/// An IPv4 socket address; the stand-in only ever binds and dials loopback.
struct SocketAddress {
    /// The C address, port in network byte order.
    var storage: sockaddr_in

    /// Creates the address `host:port`; `host` must be a dotted IPv4 address.
    init(host: String, port: UInt16) throws {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else { throw SocketError.unsupportedHost(host) }
        storage = address
    }

    /// Calls `body` with the address as the generic `sockaddr` the C API takes.
    func withSockAddr<T>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> T) -> T {
        var copy = storage
        return withUnsafePointer(to: &copy) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
    }

    /// The port `fd` is bound to (after binding port 0 the kernel chose one).
    static func boundPort(of fd: Int32) throws -> UInt16 {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let result = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard result == 0 else { throw SocketError.lastError("getsockname") }
        return UInt16(bigEndian: address.sin_port)
    }
}
