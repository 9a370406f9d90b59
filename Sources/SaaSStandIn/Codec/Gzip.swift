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
    }

    /// Inflates a gzip or zlib stream (windowBits 15+32 detects which), up to `limit` bytes.
    public static func inflate(_ data: Data, limit: Int = 256 * 1024 * 1024) throws -> Data {
        var stream = z_stream()
        var status = inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw Failure.zlib(status) }
        defer { inflateEnd(&stream) }
        var output = Data()
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var input = [UInt8](data)
        let inputCount = input.count
        try input.withUnsafeMutableBufferPointer { source in
            stream.next_in = source.baseAddress
            stream.avail_in = uInt(inputCount)
            repeat {
                status = chunk.withUnsafeMutableBufferPointer { target -> Int32 in
                    stream.next_out = target.baseAddress
                    stream.avail_out = uInt(target.count)
                    return CZlib.inflate(&stream, Z_NO_FLUSH)
                }
                guard status == Z_OK || status == Z_STREAM_END else {
                    if status == Z_BUF_ERROR { throw Failure.truncated }
                    let message = stream.msg.map { String(cString: $0) } ?? "zlib status \(status)"
                    throw Failure.corrupt(message)
                }
                let produced = chunk.count - Int(stream.avail_out)
                if output.count + produced > limit { throw Failure.tooLarge(limit: limit) }
                output.append(contentsOf: chunk[0 ..< produced])
                if status == Z_OK, stream.avail_in == 0, produced == 0 { throw Failure.truncated }
            } while status != Z_STREAM_END
        }
        return output
    }

    /// Compresses `data` as a gzip member (what the CLI's `gzip.compress` makes).
    public static func deflate(_ data: Data, level: Int32 = 6) throws -> Data {
        var stream = z_stream()
        var status = deflateInit2_(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
                                   ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw Failure.zlib(status) }
        defer { deflateEnd(&stream) }
        var output = Data()
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var input = [UInt8](data)
        let inputCount = input.count
        try input.withUnsafeMutableBufferPointer { source in
            stream.next_in = source.baseAddress
            stream.avail_in = uInt(inputCount)
            repeat {
                status = chunk.withUnsafeMutableBufferPointer { target -> Int32 in
                    stream.next_out = target.baseAddress
                    stream.avail_out = uInt(target.count)
                    return CZlib.deflate(&stream, Z_FINISH)
                }
                guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else { throw Failure.zlib(status) }
                output.append(contentsOf: chunk[0 ..< chunk.count - Int(stream.avail_out)])
            } while status != Z_STREAM_END
        }
        return output
    }
}
