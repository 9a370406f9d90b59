import Foundation

/// Serves one client connection: read, parse, answer, repeat while the client keeps it alive.
struct HTTPConnection {
    /// The timeouts one connection lives by.
    struct Timeouts: Sendable {
        /// How long a started request may take to arrive completely.
        var request: TimeInterval
        /// How long a kept-alive connection may sit idle between requests.
        var idle: TimeInterval
    }

    let socket: ConnectedSocket
    let parser: HTTPRequestParser
    let timeouts: Timeouts
    let handler: StandInService
    let registry: ConnectionRegistry

    /// Runs until the client closes, a timeout or error ends the exchange, or the server stops.
    func run() {
        // Requests are parsed where they start in `buffer`; the bytes before are dropped only
        // once they are half of it, so pipelined requests do not cost a shift each.
        var buffer: [UInt8] = []
        var start = 0
        var chunks: ChunkedBodyDecoder?
        var requestDeadline: Date?
        var sentContinue = false
        var awaitedSize = 0
        while true {
            let result: HTTPRequestParser.Result
            do {
                result = try parser.parse(buffer, from: start, resuming: &chunks)
            } catch let error as HTTPParseError {
                send(handler.handleUnreadable(status: error.status, message: error.message), keepAlive: false)
                return
            } catch {
                send(handler.handleUnreadable(status: 400, message: "\(error)"), keepAlive: false)
                return
            }
            switch result {
            case .complete(let request, let consumed):
                start += consumed
                if start == buffer.count {
                    buffer.removeAll(keepingCapacity: true)
                    start = 0
                } else if start > buffer.count / 2 {
                    buffer.removeFirst(start)
                    start = 0
                }
                chunks = nil
                requestDeadline = nil
                sentContinue = false
                switch handler.handle(request) {
                case .dropConnection:
                    return
                case .respond(let response):
                    let keepAlive = request.wantsKeepAlive && !registry.isStopping
                    guard send(response, keepAlive: keepAlive, omitBody: request.method == "HEAD"), keepAlive else { return }
                }
            case .incomplete(let needAtLeast, let expectsContinue):
                awaitedSize = needAtLeast ?? 0
                // Any byte starts the request timer, blank lines before a request line too:
                // otherwise a trickle of CRLF would hold the connection for ever.
                let hasPartialRequest = start < buffer.count
                if hasPartialRequest, requestDeadline == nil { requestDeadline = Date(timeIntervalSinceNow: timeouts.request) }
                if expectsContinue, !sentContinue {
                    // curl and others hold a body back until told to go on (RFC 9110 §10.1.1).
                    guard (try? socket.write(Data("HTTP/1.1 100 Continue\r\n\r\n".utf8))) != nil else { return }
                    sentContinue = true
                }
                let deadline = requestDeadline ?? Date(timeIntervalSinceNow: timeouts.idle)
                // Read until the parser's hint is met, so a large body is parsed once, not per read.
                repeat {
                    switch (try? socket.read(deadline: deadline)) ?? .endOfStream {
                    case .bytes(let bytes):
                        buffer.append(contentsOf: bytes)
                    case .endOfStream:
                        return
                    case .timedOut:
                        if hasPartialRequest {
                            send(handler.handleUnreadable(status: 408, message: "request not complete within \(Int(timeouts.request)) s"), keepAlive: false)
                        }
                        return
                    }
                } while buffer.count < awaitedSize
            }
        }
    }

    /// Writes `response`; false when the peer is gone.
    @discardableResult
    private func send(_ response: HTTPResponse, keepAlive: Bool, omitBody: Bool = false) -> Bool {
        (try? socket.write(response.serialized(keepAlive: keepAlive, omitBody: omitBody))) != nil
    }
}
