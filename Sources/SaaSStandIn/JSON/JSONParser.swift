import CanaryCore
import Foundation

/// A strict RFC 8259 parser from UTF-8 bytes straight into `CanaryCore.JSONValue`,
/// objects sorted by key (a repeated key: the last one wins), numbers as doubles.
///
/// Strict where a lenient parser would change what was sent: invalid UTF-8 is refused
/// (not replaced), and so is a number a double cannot stand for (`1e400`, a non-zero
/// literal that underflows to 0, an integer beyond 64 bits). Integers within 64 bits
/// but past 2^53 are accepted: the tree holds the nearest double, and the witness
/// keeps the bytes that arrived (see `elementRanges`).
///
/// Why not JSONSerialization: converting its `Any` tree (casts, NSString bridging)
/// cost more than the rest of batch ingest together. One pass over the bytes here.
struct JSONParser {
    /// Where and why the text is not JSON.
    struct Failure: Error, Equatable {
        /// The byte offset of the problem.
        var offset: Int
        /// What was expected.
        var reason: String
    }

    /// Nesting deeper than this is refused rather than risking the stack.
    static let maximumDepth = 512

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    /// The top-level member whose array elements' byte ranges are recorded, if any.
    private let recordedMember: String?
    /// Whether the array being parsed is that member's value.
    private var recordingElements = false
    /// The byte range of each element of the recorded member's array (the last such member's).
    private var ranges: [Range<Int>] = []

    private init(_ bytes: UnsafeBufferPointer<UInt8>, recording member: String? = nil) {
        self.bytes = bytes
        recordedMember = member
    }

    /// Parses one JSON value filling all of `bytes` (whitespace around it allowed).
    static func parse<Bytes: ContiguousBytes>(_ data: Bytes) throws -> JSONValue {
        try parse(data, elementRangesOf: nil).value
    }

    /// Parses like `parse`, and returns where each element of the top-level object's
    /// array member `member` lies in `data` (offsets from its start): the exact bytes
    /// that arrived for it, whitespace around it excluded.
    static func parse<Bytes: ContiguousBytes>(_ data: Bytes, elementRangesOf member: String?)
        throws -> (value: JSONValue, elementRanges: [Range<Int>]) {
        try data.withUnsafeBytes { raw in
            var parser = JSONParser(raw.bindMemory(to: UInt8.self), recording: member)
            parser.skipWhitespace()
            let value = try parser.value(depth: 0)
            parser.skipWhitespace()
            guard parser.index == parser.bytes.count else { throw parser.failure("end of input") }
            return (value, parser.ranges)
        }
    }

    private func failure(_ expected: String) -> Failure {
        Failure(offset: index, reason: "expected \(expected)")
    }

    private mutating func skipWhitespace() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 {
            index += 1
        }
    }

    private mutating func value(depth: Int) throws -> JSONValue {
        guard depth < Self.maximumDepth else { throw failure("less nesting (over \(Self.maximumDepth) levels)") }
        guard index < bytes.count else { throw failure("a value") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default: return try number()
        }
    }

    private mutating func literal(_ word: StaticString) throws {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw failure("\(word)") }
        for offset in 0 ..< count where bytes[index + offset] != word.utf8Start[offset] { throw failure("\(word)") }
        index += count
    }

    private mutating func object(depth: Int) throws -> JSONValue {
        index += 1
        var members: [(key: String, value: JSONValue)] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("a member name") }
            let key = try string()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw failure("':'") }
            index += 1
            skipWhitespace()
            // Only the top-level member counts: a nested `events` is part of an envelope.
            let records = depth == 0 && key == recordedMember
            if records { ranges = [] }
            if records, index < bytes.count, bytes[index] == UInt8(ascii: "[") { recordingElements = true }
            members.append((key: key, value: try value(depth: depth + 1)))
            skipWhitespace()
            guard index < bytes.count else { throw failure("',' or '}'") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            guard bytes[index] == UInt8(ascii: "}") else { throw failure("',' or '}'") }
            index += 1
            return .object(Self.sortedUnique(members))
        }
    }

    /// Members sorted by key; the CLI already sends them sorted, so that is checked first.
    private static func sortedUnique(_ members: [(key: String, value: JSONValue)]) -> [(key: String, value: JSONValue)] {
        if zip(members, members.dropFirst()).allSatisfy({ $0.key < $1.key }) { return members }
        var latest: [String: JSONValue] = [:]
        for member in members { latest[member.key] = member.value }
        return latest.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) }
    }

    private mutating func array(depth: Int) throws -> JSONValue {
        index += 1
        let records = recordingElements
        recordingElements = false
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            let start = index
            elements.append(try value(depth: depth + 1))
            if records { ranges.append(start ..< index) }
            skipWhitespace()
            guard index < bytes.count else { throw failure("',' or ']'") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            guard bytes[index] == UInt8(ascii: "]") else { throw failure("',' or ']'") }
            index += 1
            return .array(elements)
        }
    }

    private mutating func string() throws -> String {
        index += 1
        let start = index
        // Fast path: no escapes, so the bytes between the quotes are the string.
        var asciiOnly = true
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = UnsafeBufferPointer(rebasing: bytes[start ..< index])
                guard asciiOnly || String(validating: text, as: UTF8.self) != nil else { throw invalidUTF8(from: start) }
                index += 1
                return String(decoding: text, as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") { break }
            guard byte >= 0x20 else { throw failure("no control character in a string") }
            if byte >= 0x80 { asciiOnly = false }
            index += 1
        }
        var scalars = Array(UnsafeBufferPointer(rebasing: bytes[start ..< index]))
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                // Escapes only ever add whole sequences, so any invalid byte came as sent.
                guard let text = String(validating: scalars, as: UTF8.self) else { throw invalidUTF8(from: start) }
                return text
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { throw failure("an escape") }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(escape)
                case UInt8(ascii: "b"): scalars.append(0x08)
                case UInt8(ascii: "f"): scalars.append(0x0C)
                case UInt8(ascii: "n"): scalars.append(0x0A)
                case UInt8(ascii: "r"): scalars.append(0x0D)
                case UInt8(ascii: "t"): scalars.append(0x09)
                case UInt8(ascii: "u"): scalars.append(contentsOf: try unicodeEscape())
                default: throw failure("a valid escape")
                }
            case 0 ..< 0x20:
                throw failure("no control character in a string")
            default:
                scalars.append(byte)
            }
        }
        throw failure("a closing quote")
    }

    /// The failure for a string starting at `start` that is not valid UTF-8 (RFC 8259 §8.1).
    private func invalidUTF8(from start: Int) -> Failure {
        Failure(offset: start, reason: "expected UTF-8 text in a string (invalid bytes)")
    }

    /// `\uXXXX` (after the `u`), joining a surrogate pair; returns the UTF-8 bytes.
    private mutating func unicodeEscape() throws -> [UInt8] {
        var code = try hex4()
        if (0xD800 ..< 0xDC00).contains(code) {
            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                throw failure("a low surrogate")
            }
            index += 2
            let low = try hex4()
            guard (0xDC00 ..< 0xE000).contains(low) else { throw failure("a low surrogate") }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00 ..< 0xE000).contains(code) {
            throw failure("a high surrogate first")
        }
        guard let scalar = Unicode.Scalar(code) else { throw failure("a Unicode scalar") }
        return Array(String(Character(scalar)).utf8)
    }

    private mutating func hex4() throws -> UInt32 {
        guard index + 4 <= bytes.count else { throw failure("four hex digits") }
        var code: UInt32 = 0
        for _ in 0 ..< 4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0") ... UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a") ... UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A") ... UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure("four hex digits")
            }
            code = code << 4 | UInt32(digit)
            index += 1
        }
        return code
    }

    /// RFC 8259 §6 numbers, as doubles (exact for integers up to 2^53, which is all the CLI sends);
    /// a number no double stands for is refused rather than stored as something else.
    private mutating func number() throws -> JSONValue {
        let start = index
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, (UInt8(ascii: "0") ... UInt8(ascii: "9")).contains(bytes[index]) else { throw failure("a value") }
        let integerStart = index
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            skipDigits()
        }
        var isInteger = true
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            isInteger = false
            guard skipDigits() > 0 else { throw failure("a digit after '.'") }
        }
        let mantissaEnd = index
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            isInteger = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard skipDigits() > 0 else { throw failure("an exponent") }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start ..< index]), as: UTF8.self)
        if isInteger, Int64(text) == nil {
            throw Failure(offset: start, reason: "expected an integer within 64 bits, got \(text.prefix(40))")
        }
        guard let double = Double(text), double.isFinite else {
            throw Failure(offset: start, reason: "expected a number a double can hold, got \(text.prefix(40))")
        }
        let mantissa = bytes[integerStart ..< mantissaEnd]
        if double == 0, mantissa.contains(where: { $0 >= UInt8(ascii: "1") && $0 <= UInt8(ascii: "9") }) {
            throw Failure(offset: start, reason: "expected a number a double can hold, got \(text.prefix(40)) (underflows to 0)")
        }
        return .number(double)
    }

    @discardableResult
    private mutating func skipDigits() -> Int {
        let start = index
        while index < bytes.count, (UInt8(ascii: "0") ... UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        return index - start
    }
}
