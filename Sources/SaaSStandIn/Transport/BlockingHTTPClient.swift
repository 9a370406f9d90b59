import Foundation

/// A small synchronous HTTP/1.1 client over one kept-alive loopback connection.
///
/// Not thread-safe: one caller at a time. A kept-alive connection that the
/// server closed while idle is noticed before sending and replaced; a request
/// is never re-sent after it went out (a POST must not be delivered twice).
final class BlockingHTTPClient {
    private let host: String
    private let port: UInt16
    private let timeout: TimeInterval
    private var socket: ConnectedSocket?
    private var pending: [UInt8] = []

    /// Creates a client for `host:port`; nothing connects until the first request.
    init(host: String, port: UInt16, timeout: TimeInterval = 30) {
        self.host = host
        self.port = port
        self.timeout = timeout
    }

    deinit { socket?.close() }

    /// Sends `request` (adding `Host` and `Content-Length`) and returns the answer.
    func send(_ request: HTTPRequest) throws -> HTTPResponse {
        var head = "\(request.method) \(request.target) HTTP/1.1\r\nHost: \(host):\(port)\r\n"
        for field in request.headers where !field.name.caseInsensitiveEquals("Content-Length") && !field.name.caseInsensitiveEquals("Host") {
            head += "\(field.name): \(field.value)\r\n"
        }
        head += "Content-Length: \(request.body.count)\r\n\r\n"
        var bytes = Data(head.utf8)
        bytes.append(request.body)
        return try exchange(bytes, method: request.method)
    }

    /// Writes raw bytes and reads one answer; for tests of malformed requests.
    func sendRaw(_ bytes: Data, method: String = "GET") throws -> HTTPResponse {
        try exchange(bytes, method: method)
    }

    /// Closes the connection; the next request opens a new one.
    func close() {
        socket?.close()
        socket = nil
        pending = []
    }

    private func exchange(_ bytes: Data, method: String) throws -> HTTPResponse {
        if let idle = socket, idle.hasPendingInputOrHangUp() { close() }
        let connection = try socket ?? ConnectedSocket.connect(host: host, port: port)
        socket = connection
        do {
            try connection.write(bytes)
            return try readResponse(from: connection, method: method)
        } catch {
            close()
            throw error
        }
    }

    private func readResponse(from connection: ConnectedSocket, method: String) throws -> HTTPResponse {
        let parser = HTTPResponseParser()
        let deadline = Date(timeIntervalSinceNow: timeout)
        var atEnd = false
        while true {
            switch try parser.parse(pending, requestMethod: method, atEndOfStream: atEnd) {
            case .complete(let response, let consumed):
                pending.removeFirst(consumed)
                if (100 ..< 200).contains(response.status) { continue }
                if atEnd || response.headers["Connection"]?.lowercased() == "close" { close() }
                return response
            case .incomplete:
                if atEnd { throw SocketError.closedByPeer }
            }
            switch try connection.read(deadline: deadline) {
            case .bytes(let bytes): pending.append(contentsOf: bytes)
            case .endOfStream: atEnd = true
            case .timedOut: throw SocketError.timedOut("waiting for a response from \(host):\(port)")
            }
        }
    }
}
