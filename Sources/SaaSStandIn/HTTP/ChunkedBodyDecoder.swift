import Foundation

/// Decodes a chunked request body (RFC 9112 §7.1) a read at a time: each call resumes
/// where the last one stopped, so a body arriving in many reads costs one pass over its
/// bytes instead of a pass per read.
///
/// Offsets are into the caller's buffer, which must only grow while one body is decoded.
struct ChunkedBodyDecoder: Equatable, Sendable {
    private enum Phase: Equatable, Sendable {
        /// Waiting for a chunk size line.
        case sizeLine
        /// Inside a chunk's data, this many bytes still to come.
        case data(remaining: Int)
        /// After a chunk's data, waiting for its CRLF.
        case dataEnd
        /// After the last chunk, reading trailer lines until an empty one.
        case trailers
    }

    /// Where the body starts in the buffer.
    let start: Int
    /// The body decoded so far.
    private(set) var body = Data()
    private var cursor: Int
    private var phase = Phase.sizeLine
    private var trailerBytes = 0
    private let maxBodyBytes: Int
    private let maxTrailerBytes: Int

    /// A decoder for a body starting at `start`, with the limits of the parser using it.
    init(start: Int, maxBodyBytes: Int, maxTrailerBytes: Int) {
        self.start = start
        cursor = start
        self.maxBodyBytes = maxBodyBytes
        self.maxTrailerBytes = maxTrailerBytes
    }

    /// Decodes what `bytes` holds past the last call; the offset just past the body and
    /// its trailers once they are complete, nil while more is needed.
    mutating func decode(_ bytes: [UInt8]) throws -> Int? {
        while true {
            switch phase {
            case .sizeLine:
                guard let line = Self.lineEnd(in: bytes, from: cursor) else {
                    if bytes.count - cursor > 1024 { throw HTTPParseError.malformedChunk("chunk size line too long") }
                    return nil
                }
                guard let size = Self.chunkSize(bytes[cursor ..< line.contentEnd]) else {
                    let text = String(decoding: bytes[cursor ..< line.contentEnd], as: UTF8.self)
                    throw HTTPParseError.malformedChunk("bad chunk size '\(text.prefix(20))'")
                }
                if body.count + size > maxBodyBytes { throw HTTPParseError.bodyTooLarge(limit: maxBodyBytes) }
                cursor = line.next
                phase = size == 0 ? .trailers : .data(remaining: size)
            case .data(let remaining):
                let available = min(remaining, bytes.count - cursor)
                guard available > 0 else { return nil }
                body.append(contentsOf: bytes[cursor ..< cursor + available])
                cursor += available
                phase = remaining == available ? .dataEnd : .data(remaining: remaining - available)
            case .dataEnd:
                guard cursor < bytes.count else { return nil }
                if bytes[cursor] == 0x0A {
                    cursor += 1
                } else if bytes[cursor] == 0x0D {
                    guard cursor + 1 < bytes.count else { return nil }
                    guard bytes[cursor + 1] == 0x0A else { throw HTTPParseError.malformedChunk("chunk data not followed by CRLF") }
                    cursor += 2
                } else {
                    throw HTTPParseError.malformedChunk("chunk data longer than its size")
                }
                phase = .sizeLine
            case .trailers:
                // Trailer fields until an empty line; they are read and dropped.
                guard let line = Self.lineEnd(in: bytes, from: cursor) else {
                    if trailerBytes + bytes.count - cursor > maxTrailerBytes { throw HTTPParseError.headerBlockTooLarge(limit: maxTrailerBytes) }
                    return nil
                }
                let empty = line.contentEnd == cursor
                trailerBytes += line.next - cursor
                if trailerBytes > maxTrailerBytes { throw HTTPParseError.headerBlockTooLarge(limit: maxTrailerBytes) }
                cursor = line.next
                if empty { return cursor }
            }
        }
    }

    /// The size of a chunk size line (hex digits, optional blanks, an ignored `;extension`),
    /// read from the bytes: a String per chunk would cost more than the chunk's data.
    static func chunkSize(_ line: ArraySlice<UInt8>) -> Int? {
        let blank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
        var index = line.startIndex
        while index < line.endIndex, blank(line[index]) { index += 1 }
        var size = 0
        var digits = 0
        while index < line.endIndex {
            let byte = line[index]
            let digit: Int
            switch byte {
            case UInt8(ascii: "0") ... UInt8(ascii: "9"): digit = Int(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a") ... UInt8(ascii: "f"): digit = Int(byte - UInt8(ascii: "a")) + 10
            case UInt8(ascii: "A") ... UInt8(ascii: "F"): digit = Int(byte - UInt8(ascii: "A")) + 10
            default: digit = -1
            }
            guard digit >= 0 else { break }
            digits += 1
            // 15 hex digits stay far inside Int; more is no size any body here could have.
            guard digits <= 15 else { return nil }
            size = size << 4 | digit
            index += 1
        }
        while index < line.endIndex, blank(line[index]) { index += 1 }
        guard digits > 0, index == line.endIndex || line[index] == UInt8(ascii: ";") else { return nil }
        return size
    }

    /// The next LF at or after `start`: where the line's content ends (before a CR) and the next line starts.
    static func lineEnd(in bytes: [UInt8], from start: Int) -> (contentEnd: Int, next: Int)? {
        guard start < bytes.count, let newline = bytes[start...].firstIndex(of: 0x0A) else { return nil }
        let contentEnd = newline > start && bytes[newline - 1] == 0x0D ? newline - 1 : newline
        return (contentEnd, newline + 1)
    }
}
