import CZlib
import Foundation

/// gzip (and zlib) bodies through the system zlib.
public enum Gzip {
    /// Why a body could not be inflated or deflated.
    public enum Failure: Error, Equatable, Sendable {
        /// zlib refused the stream: the message is zlib's own.
        case corrupt(String)
        /// The stream ended before its trailer.
        case truncated
        /// The inflated size passed the limit (a decompression bomb, or just too big).
        case tooLarge(limit: Int)
        /// zlib could not be initialised.
        case zlib(Int32)
        /// Bytes follow the end of the stream that are not another gzip member.
        case trailingGarbage(byteCount: Int)
    }

    /// Inflates a gzip or zlib stream (windowBits 15+32 detects which), up to `limit` bytes.
    ///
    /// A gzip body may be several members back to back (RFC 1952 §2.2); anything else
    /// after the end of the stream is refused, not ignored: the witness must not accept
    /// a body whose bytes it did not read.
    public static func inflate(_ data: Data, limit: Int = 256 * 1024 * 1024) throws -> Data {
        var stream = z_stream()
        let initialised = inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard initialised == Z_OK else { throw Failure.zlib(initialised) }
        defer { inflateEnd(&stream) }
        let isGzip = data.starts(with: gzipMagic)
        var output = Data()
        var remaining = data
        while true {
            let unread = try pump(&stream, remaining, step: { CZlib.inflate(&$0, Z_NO_FLUSH) }) { status, produced, inputLeft, message in
                guard status == Z_OK || status == Z_STREAM_END else {
                    if status == Z_BUF_ERROR { throw Failure.truncated }
                    throw Failure.corrupt(message ?? "zlib status \(status)")
                }
                if output.count + produced.count > limit { throw Failure.tooLarge(limit: limit) }
                output.append(contentsOf: produced)
                if status == Z_OK, inputLeft == 0, produced.isEmpty { throw Failure.truncated }
            }
            guard unread > 0 else { return output }
            remaining = remaining.suffix(unread)
            guard isGzip, remaining.starts(with: gzipMagic) else { throw Failure.trailingGarbage(byteCount: unread) }
            inflateReset(&stream)
        }
    }

    /// The first two bytes of every gzip member.
    private static let gzipMagic: [UInt8] = [0x1F, 0x8B]

    /// Compresses `data` as a gzip member (what the CLI's `gzip.compress` makes).
    public static func deflate(_ data: Data, level: Int32 = 6) throws -> Data {
        var stream = z_stream()
        let initialised = deflateInit2_(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
                                        ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard initialised == Z_OK else { throw Failure.zlib(initialised) }
        defer { deflateEnd(&stream) }
        var output = Data()
        try pump(&stream, data, step: { CZlib.deflate(&$0, Z_FINISH) }) { status, produced, _, _ in
            guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else { throw Failure.zlib(status) }
            output.append(contentsOf: produced)
        }
        return output
    }

    /// Runs zlib's `step` over all of `data`, 64 KiB of output at a time, until it reports Z_STREAM_END.
    ///
    /// `take` sees each step's status, the bytes it produced, the input still
    /// unread and zlib's message, and throws to stop. Returns how many input bytes
    /// follow the end of the stream.
    @discardableResult
    private static func pump(
        _ stream: inout z_stream, _ data: Data, step: (inout z_stream) -> Int32,
        take: (_ status: Int32, _ produced: ArraySlice<UInt8>, _ inputLeft: uInt, _ message: String?) throws -> Void
    ) throws -> Int {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var input = [UInt8](data)
        let inputCount = input.count
        return try input.withUnsafeMutableBufferPointer { source in
            stream.next_in = source.baseAddress
            stream.avail_in = uInt(inputCount)
            var status: Int32
            repeat {
                status = chunk.withUnsafeMutableBufferPointer { target -> Int32 in
                    stream.next_out = target.baseAddress
                    stream.avail_out = uInt(target.count)
                    return step(&stream)
                }
                let produced = chunk[0 ..< chunk.count - Int(stream.avail_out)]
                try take(status, produced, stream.avail_in, stream.msg.map { String(cString: $0) })
            } while status != Z_STREAM_END
            return Int(stream.avail_in)
        }
    }
}
