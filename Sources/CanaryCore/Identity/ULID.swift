import Foundation

/// Universally unique, lexicographically sortable identifiers (ulid/spec).
///
/// 48 bits of milliseconds then 80 random bits, in Crockford base32. Within a
/// process the generator is monotonic: an id made in the same millisecond as
/// the last one is the last one plus one, so ids sort in creation order.
public final class ULID: @unchecked Sendable {
    /// The process-wide generator.
    public static let shared = ULID()

    private static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)
    private let lock = Lock()
    private let clock: () -> UInt64
    private let random: () -> (UInt16, UInt64)
    private var lastTime: UInt64 = 0
    private var lastRandom: (high: UInt16, low: UInt64) = (0, 0)

    /// Creates a generator; tests inject the clock (ms since 1970) and the randomness.
    public init(
        clock: @escaping () -> UInt64 = { UInt64(Date().timeIntervalSince1970 * 1000) },
        random: @escaping () -> (UInt16, UInt64) = { (UInt16.random(in: .min ... .max), UInt64.random(in: .min ... .max)) }
    ) {
        self.clock = clock
        self.random = random
    }

    /// A new id, greater than every id this generator made before.
    public func next() -> String {
        lock.withLock {
            let now = clock()
            if now > lastTime {
                lastTime = now
                lastRandom = random()
            } else {
                // Same (or earlier) millisecond: step the random part so order holds.
                let (low, carry) = lastRandom.low.addingReportingOverflow(1)
                lastRandom = (carry ? lastRandom.high &+ 1 : lastRandom.high, low)
            }
            return Self.encode(time: lastTime, high: lastRandom.high, low: lastRandom.low)
        }
    }

    /// Encodes the parts of an id.
    public static func encode(time: UInt64, high: UInt16, low: UInt64) -> String {
        var characters = [UInt8](repeating: 0, count: 26)
        var time = time
        for index in stride(from: 9, through: 0, by: -1) {
            characters[index] = alphabet[Int(time & 31)]
            time >>= 5
        }
        // 80 random bits as 16 five-bit groups, most significant first.
        for index in 0 ..< 16 {
            let shift = 75 - 5 * index
            let value: UInt64 = if shift >= 64 {
                UInt64(high) >> UInt64(shift - 64)
            } else if shift > 59 {
                (UInt64(high) << UInt64(64 - shift)) | (low >> UInt64(shift))
            } else {
                low >> UInt64(shift)
            }
            characters[10 + index] = alphabet[Int(value & 31)]
        }
        return String(decoding: characters, as: UTF8.self)
    }

    /// Whether `text` is a well-formed ULID (26 Crockford characters, time within 48 bits).
    public static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 26, let first = bytes.first, first <= UInt8(ascii: "7") else { return false }
        return bytes.allSatisfy { alphabet.contains($0) }
    }
}
