import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Sends arbitrary bytes to a loopback port and reads what comes back, within a deadline.
///
/// The soak's malformed requests cannot go through an HTTP client that
/// would refuse to write them; this writes exactly the bytes given.
struct RawHTTPExchange {
    /// How the exchange ended.
    enum Outcome: Equatable, CustomStringConvertible {
        /// The server answered with this status line's code.
        case status(Int)
        /// The server closed the connection without an answer.
        case closed
        /// Nothing came back before the deadline.
        case timedOut
        /// The connection could not be made.
        case refused(String)

        var description: String {
            switch self {
            case let .status(code): "HTTP \(code)"
            case .closed: "closed without an answer"
            case .timedOut: "no answer in time"
            case let .refused(reason): "connection refused (\(reason))"
            }
        }
    }

    let port: UInt16
    let deadline: TimeInterval

    /// Connects, writes `parts` one after another (pausing `pause` seconds between them), and reads the status line.
    func send(_ parts: [Data], pause: TimeInterval = 0) -> Outcome {
        guard let socket = Self.connect(port: port) else { return .refused(String(cString: strerror(errno))) }
        defer { close(socket) }
        let end = Date().addingTimeInterval(deadline)
        for (index, part) in parts.enumerated() {
            if index > 0, pause > 0 { Thread.sleep(forTimeInterval: pause) }
            // A server that answers early and closes makes later writes fail: that is an answer, read below.
            guard Self.writeAll(part, to: socket, until: end) else { break }
        }
        return Self.readStatus(from: socket, until: end)
    }

    /// An open connection that sends nothing, for flooding; nil when it could not be made.
    static func openIdle(port: UInt16) -> Int32? {
        connect(port: port)
    }

    private static func connect(port: UInt16) -> Int32? {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            close(descriptor)
            return nil
        }
        return descriptor
    }

    private static func writeAll(_ data: Data, to socket: Int32, until end: Date) -> Bool {
        var offset = 0
        return data.withUnsafeBytes { buffer in
            while offset < buffer.count {
                guard wait(socket, for: Int16(POLLOUT), until: end) else { return false }
                let written = Glibc.send(socket, buffer.baseAddress! + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
                if written < 0 {
                    if errno == EINTR || errno == EAGAIN { continue }
                    return false
                }
                offset += written
            }
            return true
        }
    }

    private static func readStatus(from socket: Int32, until end: Date) -> Outcome {
        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            if let line = received.firstRange(of: Data("\r\n".utf8)).map({ received[..<$0.lowerBound] }) {
                let fields = String(decoding: line, as: UTF8.self).split(separator: " ")
                if fields.count >= 2, let code = Int(fields[1]) { return .status(code) }
                return .closed
            }
            guard wait(socket, for: Int16(POLLIN), until: end) else { return .timedOut }
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                received.append(contentsOf: buffer[0 ..< count])
            } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                return .closed
            }
        }
    }

    private static func wait(_ socket: Int32, for events: Int16, until end: Date) -> Bool {
        while true {
            let remaining = end.timeIntervalSinceNow
            guard remaining > 0 else { return false }
            var entry = pollfd(fd: socket, events: events, revents: 0)
            let ready = poll(&entry, 1, Int32(min(remaining * 1000, 1000).rounded(.up)))
            if ready > 0 { return true }
            if ready < 0, errno != EINTR { return false }
        }
    }
}
