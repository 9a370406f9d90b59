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

    /// Encodes `value`, or falls back to a JSON error object: an answer must always go out.
    static func data<T: Encodable>(_ value: T) -> Data {
        do {
            return try encoder().encode(value)
        } catch {
            return Data(#"{"error":"stand-in failed to encode its answer"}"#.utf8)
        }
    }
}
