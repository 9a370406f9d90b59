import CanaryCore
import Foundation

/// Turns a child's stdout and stderr chunks into text without splitting a UTF-8 character.
///
/// A pipe read may end inside a multi-byte character; decoding each chunk on
/// its own would put replacement characters into the gate's logs. The
/// incomplete tail of each stream waits for that stream's next chunk.
final class StreamedText: @unchecked Sendable {
    private let sink: @Sendable (String) -> Void
    private let lock = Lock()
    private var carried: [Bool: Data] = [false: Data(), true: Data()]

    /// Forwards decoded text to `sink`.
    init(sink: @escaping @Sendable (String) -> Void) {
        self.sink = sink
    }

    /// Takes a chunk of one stream (true for stderr).
    func take(_ chunk: Data, isStandardError: Bool) {
        let complete: Data = lock.withLock {
            let bytes = (carried[isStandardError] ?? Data()) + chunk
            let end = Self.completePrefixLength(of: bytes)
            carried[isStandardError] = bytes.suffix(from: bytes.startIndex + end)
            return bytes.prefix(end)
        }
        if !complete.isEmpty { sink(String(decoding: complete, as: UTF8.self)) }
    }

    /// Forwards what is still carried (a stream that ended mid-character, decoded as is).
    func finish() {
        let rest: [Data] = lock.withLock {
            defer { carried = [false: Data(), true: Data()] }
            return [carried[false] ?? Data(), carried[true] ?? Data()]
        }
        for data in rest where !data.isEmpty { sink(String(decoding: data, as: UTF8.self)) }
    }

    /// How many leading bytes of `bytes` end on a character boundary.
    static func completePrefixLength(of bytes: Data) -> Int {
        let count = bytes.count
        // A UTF-8 character is at most 4 bytes: only the last 3 can start an unfinished one.
        for back in 1 ... 3 where back <= count {
            let byte = bytes[bytes.startIndex + count - back]
            if byte & 0xC0 == 0x80 { continue }
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
            return back < length ? count - back : count
        }
        return count
    }
}
