import Foundation
import SaaSStandIn

/// Sends arbitrary bytes to a loopback port and reads what comes back, within a deadline.
///
/// The soak's malformed requests cannot go through an HTTP client that
/// would refuse to write them; this writes exactly the bytes given, on the
/// stand-in's own `ConnectedSocket`.
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
        let socket: ConnectedSocket
        do {
            socket = try ConnectedSocket.connect(host: "127.0.0.1", port: port)
        } catch {
            return .refused("\(error)")
        }
        defer { socket.close() }
        let end = Date().addingTimeInterval(deadline)
        for (index, part) in parts.enumerated() {
            if index > 0, pause > 0 { Thread.sleep(forTimeInterval: pause) }
            // A server that answers early and closes makes later writes fail: that is an answer, read below.
            guard (try? socket.write(part)) != nil else { break }
        }
        return Self.readStatus(from: socket, until: end)
    }

    /// An open connection that sends nothing, for flooding; nil when it could not be made.
    static func openIdle(port: UInt16) -> ConnectedSocket? {
        try? ConnectedSocket.connect(host: "127.0.0.1", port: port)
    }

    private static func readStatus(from socket: ConnectedSocket, until end: Date) -> Outcome {
        var received: [UInt8] = []
        while true {
            if let newline = received.firstIndex(of: UInt8(ascii: "\n")) {
                let fields = String(decoding: received[..<newline], as: UTF8.self).split(separator: " ")
                if fields.count >= 2, let code = Int(fields[1]) { return .status(code) }
                return .closed
            }
            switch (try? socket.read(deadline: end)) ?? .endOfStream {
            case let .bytes(bytes): received += bytes
            case .endOfStream: return .closed
            case .timedOut: return .timedOut
            }
        }
    }
}
