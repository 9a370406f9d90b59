import Foundation

/// Parses HTTP/1.x requests from bytes. Pure: it never reads a socket, so every
/// framing rule is unit-testable and the connection loop only moves bytes.
public struct HTTPRequestParser: Sendable {
    /// What the parser made of the bytes so far.
    public enum Result: Equatable, Sendable {
        /// More bytes are needed; `needAtLeast` is the total buffer size worth waiting for,
        /// and `expectsContinue` says the client waits for `100 Continue` before its body.
        case incomplete(needAtLeast: Int?, expectsContinue: Bool)
        /// A whole request, and how many buffer bytes it used.
        case complete(HTTPRequest, consumed: Int)
    }

    /// The largest header block accepted (request line included).
    public var maxHeaderBytes: Int
    /// The largest body accepted, after de-chunking.
    public var maxBodyBytes: Int

    /// Creates a parser with the given limits.
    public init(maxHeaderBytes: Int = 64 * 1024, maxBodyBytes: Int = 64 * 1024 * 1024) {
        self.maxHeaderBytes = maxHeaderBytes
        self.maxBodyBytes = maxBodyBytes
    }

    /// Parses the first request in `bytes`.
    public func parse(_ bytes: [UInt8]) throws -> Result {
        var chunks: ChunkedBodyDecoder?
        return try parse(bytes, from: 0, resuming: &chunks)
    }

    /// Parses the request starting at `offset` in `bytes`; `consumed` counts from `offset`,
    /// `needAtLeast` is a size of all of `bytes`.
    ///
    /// `chunks` carries a chunked body's decoding from one call to the next while the
    /// request is incomplete (nil to start, reset once it completes), so a body arriving
    /// in many reads is decoded once, not once per read. `bytes` may only grow meanwhile.
    func parse(_ bytes: [UInt8], from offset: Int, resuming chunks: inout ChunkedBodyDecoder?) throws -> Result {
        var start = offset
        // RFC 9112 §2.2: ignore empty lines before a request line (stray CRLF after a body),
        // but count them against the header limit: megabytes of them are no request.
        while start < bytes.count, bytes[start] == 0x0D || bytes[start] == 0x0A {
            start += 1
            if start - offset > maxHeaderBytes { throw HTTPParseError.headerBlockTooLarge(limit: maxHeaderBytes) }
        }
        guard let (headEnd, bodyStart) = Self.endOfHead(in: bytes, from: start) else {
            if bytes.count - offset > maxHeaderBytes { throw HTTPParseError.headerBlockTooLarge(limit: maxHeaderBytes) }
            return .incomplete(needAtLeast: nil, expectsContinue: false)
        }
        if headEnd - offset > maxHeaderBytes { throw HTTPParseError.headerBlockTooLarge(limit: maxHeaderBytes) }

        var lines = Self.lines(bytes[start ..< headEnd])
        let requestLine = String(lines.removeFirst())
        let (method, target, minor) = try Self.parseRequestLine(requestLine)
        let headers = try Self.parseHeaders(lines)
        var request = HTTPRequest(method: method, target: target, minorVersion: minor, headers: headers)

        switch try framing(of: headers) {
        case .none:
            return .complete(request, consumed: bodyStart - offset)
        case .length(let length):
            let end = bodyStart + length
            guard bytes.count >= end else {
                return .incomplete(needAtLeast: end, expectsContinue: Self.expectsContinue(request))
            }
            request.body = Data(bytes[bodyStart ..< end])
            return .complete(request, consumed: end - offset)
        case .chunked:
            // Taken out of `chunks`, not copied: a second reference to the body would make
            // every append copy all of it, which is the quadratic cost this decoder avoids.
            var decoder = chunkedDecoder(from: bodyStart)
            if let resumed = chunks.take(), resumed.start == bodyStart { decoder = resumed }
            guard let end = try decoder.decode(bytes) else {
                chunks = decoder
                return .incomplete(needAtLeast: nil, expectsContinue: Self.expectsContinue(request))
            }
            chunks = nil
            request.body = decoder.body
            return .complete(request, consumed: end - offset)
        }
    }

    private func chunkedDecoder(from start: Int) -> ChunkedBodyDecoder {
        ChunkedBodyDecoder(start: start, maxBodyBytes: maxBodyBytes, maxTrailerBytes: maxHeaderBytes)
    }

    private enum Framing { case none, length(Int), chunked }

    private func framing(of headers: HTTPHeaders) throws -> Framing {
        let encodings = headers.values("Transfer-Encoding")
        let lengths = headers.values("Content-Length")
        if !encodings.isEmpty {
            if !lengths.isEmpty { throw HTTPParseError.conflictingFraming }
            let codings = encodings.flatMap { $0.split(separator: ",") }
                .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard codings.last == "chunked", codings.dropLast().allSatisfy({ $0 == "identity" }) else {
                throw HTTPParseError.unsupportedTransferEncoding(encodings.joined(separator: ", "))
            }
            return .chunked
        }
        guard !lengths.isEmpty else { return .none }
        let values = Set(lengths.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) })
        guard values.count == 1, let text = values.first, !text.isEmpty, text.utf8.count <= 18,
              text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let length = Int(text)
        else { throw HTTPParseError.invalidContentLength(lengths.joined(separator: ", ")) }
        if length > maxBodyBytes { throw HTTPParseError.bodyTooLarge(limit: maxBodyBytes) }
        return length == 0 ? .none : .length(length)
    }

    /// Decodes a chunked body starting at `start`; nil until the last chunk and trailers are in.
    func decodeChunked(_ bytes: [UInt8], from start: Int) throws -> (Data, Int)? {
        var decoder = chunkedDecoder(from: start)
        guard let end = try decoder.decode(bytes) else { return nil }
        return (decoder.body, end)
    }

    private static func expectsContinue(_ request: HTTPRequest) -> Bool {
        request.minorVersion >= 1 && request.headers["Expect"]?.lowercased() == "100-continue"
    }

    /// Finds the blank line that ends the head: returns where the head text ends and the body starts.
    static func endOfHead(in bytes: [UInt8], from start: Int) -> (Int, Int)? {
        var index = start
        while index < bytes.count {
            if bytes[index] == 0x0A {
                if index + 1 < bytes.count, bytes[index + 1] == 0x0A { return (index, index + 2) }
                if index + 2 < bytes.count, bytes[index + 1] == 0x0D, bytes[index + 2] == 0x0A { return (index, index + 3) }
            }
            index += 1
        }
        return nil
    }

    /// The head's lines, split on LF bytes with a trailing CR dropped. Bytes, not
    /// Characters: Swift reads "\r\n" as ONE Character, so a String split on "\n" misses it.
    static func lines(_ head: ArraySlice<UInt8>) -> [Substring] {
        head.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
            let content = line.last == 0x0D ? line.dropLast() : line
            return Substring(String(decoding: content, as: UTF8.self))
        }
    }

    static func parseRequestLine(_ line: String) throws -> (String, String, Int) {
        let parts = line.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, isToken(parts[0]), !parts[1].isEmpty,
              parts[1].utf8.allSatisfy({ $0 > 0x20 && $0 != 0x7F })
        else { throw HTTPParseError.malformedRequestLine(line) }
        let version = parts[2]
        guard version.hasPrefix("HTTP/") else { throw HTTPParseError.malformedRequestLine(line) }
        let minor: Int
        switch version {
        case "HTTP/1.1": minor = 1
        case "HTTP/1.0": minor = 0
        default:
            let number = version.dropFirst(5)
            guard number.count == 3, number.dropFirst().first == ".",
                  number.first?.isNumber == true, number.last?.isNumber == true
            else { throw HTTPParseError.malformedRequestLine(line) }
            throw HTTPParseError.unsupportedVersion(String(version))
        }
        return (String(parts[0]), try normalizedTarget(String(parts[1]), line: line), minor)
    }

    /// Origin-form passes through; absolute-form (a proxy-style request) keeps only path and query.
    private static func normalizedTarget(_ target: String, line: String) throws -> String {
        if target.hasPrefix("/") || target == "*" { return target }
        let lowered = target.lowercased()
        guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://") else {
            throw HTTPParseError.malformedRequestLine(line)
        }
        let afterScheme = target[target.index(target.startIndex, offsetBy: lowered.hasPrefix("http://") ? 7 : 8)...]
        guard let slash = afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" }) else { return "/" }
        let rest = String(afterScheme[slash...])
        return rest.hasPrefix("?") ? "/" + rest : rest
    }

    static func parseHeaders(_ lines: [Substring]) throws -> HTTPHeaders {
        var headers = HTTPHeaders()
        for line in lines where !line.isEmpty {
            if line.first == " " || line.first == "\t" { throw HTTPParseError.malformedHeader(String(line)) }
            guard let colon = line.firstIndex(of: ":") else { throw HTTPParseError.malformedHeader(String(line)) }
            let name = line[..<colon]
            guard isToken(name) else { throw HTTPParseError.malformedHeader(String(line)) }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
            headers.add(String(name), value)
        }
        return headers
    }

    /// RFC 9110 `token`: the characters allowed in methods and header names.
    static func isToken(_ text: Substring) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { byte in
            switch byte {
            case 0x30 ... 0x39, 0x41 ... 0x5A, 0x61 ... 0x7A: return true
            default: return "!#$%&'*+-.^_`|~".utf8.contains(byte)
            }
        }
    }
}
