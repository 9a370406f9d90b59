import Foundation

/// Parses HTTP/1.x responses from bytes, for the stand-in's own blocking client.
struct HTTPResponseParser: Sendable {
    /// What the parser made of the bytes so far.
    enum Result: Equatable {
        /// More bytes are needed (or the end of the stream, for a body framed by close).
        case incomplete
        /// A whole response and how many buffer bytes it used.
        case complete(HTTPResponse, consumed: Int)
    }

    /// Shares the request parser's limits and chunk decoder.
    var limits = HTTPRequestParser()

    /// Parses the first response in `bytes`; `atEndOfStream` completes a body framed by close.
    func parse(_ bytes: [UInt8], requestMethod: String, atEndOfStream: Bool) throws -> Result {
        guard let (headEnd, bodyStart) = HTTPRequestParser.endOfHead(in: bytes, from: 0) else {
            if bytes.count > limits.maxHeaderBytes { throw HTTPParseError.headerBlockTooLarge(limit: limits.maxHeaderBytes) }
            return .incomplete
        }
        var lines = HTTPRequestParser.lines(bytes[0 ..< headEnd])
        let statusLine = String(lines.removeFirst())
        let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), parts[1].count == 3, let status = Int(parts[1]) else {
            throw HTTPParseError.malformedStatusLine(statusLine)
        }
        let headers = try HTTPRequestParser.parseHeaders(lines)
        var response = HTTPResponse(status: status, headers: headers)

        // RFC 9112 §6.3: these answers never carry a body whatever their headers say.
        if requestMethod == "HEAD" || (100 ..< 200).contains(status) || status == 204 || status == 304 {
            return .complete(response, consumed: bodyStart)
        }
        if let encoding = headers["Transfer-Encoding"], encoding.lowercased().contains("chunked") {
            guard let (body, end) = try limits.decodeChunked(bytes, from: bodyStart) else { return .incomplete }
            response.body = body
            return .complete(response, consumed: end)
        }
        if let lengthText = headers["Content-Length"] {
            guard let length = Int(lengthText.trimmingCharacters(in: .whitespaces)), length >= 0 else {
                throw HTTPParseError.invalidContentLength(lengthText)
            }
            guard bytes.count >= bodyStart + length else { return .incomplete }
            response.body = Data(bytes[bodyStart ..< bodyStart + length])
            return .complete(response, consumed: bodyStart + length)
        }
        guard atEndOfStream else { return .incomplete }
        response.body = Data(bytes[bodyStart...])
        return .complete(response, consumed: bytes.count)
    }
}
