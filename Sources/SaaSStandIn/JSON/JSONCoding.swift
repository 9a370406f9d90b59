import Foundation

/// The one place that says how the stand-in reads and writes JSON.
enum JSONCoding {
    /// Sorted keys make stored envelopes and digests byte-stable.
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// A plain decoder; field names are spelled out in each type's coding keys.
    static func decoder() -> JSONDecoder {
        JSONDecoder()
    }

    /// Encodes `value`; throws what the encoder threw (too deep, a non-finite number).
    static func encode<T: Encodable>(_ value: T) throws -> Data {
        try encoder().encode(value)
    }
}
