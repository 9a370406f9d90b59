import Foundation

/// Reads and writes run documents in the one format the evidence uses.
public enum RunDocumentCoding {
    /// Pretty JSON in field order with ISO 8601 UTC timestamps.
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        try OrderedJSONEncoder(formatDate: { Timestamp.iso8601($0) }).encode(value)
    }

    /// Decodes a run document, turning every decoding failure into an error that names the field.
    public static func decodeRun(_ data: Data) throws -> CanaryRunResult {
        try decode(CanaryRunResult.self, from: data)
    }

    /// Decodes any evidence value with the same conventions.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = Timestamp.parse(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not an ISO 8601 timestamp")
            }
            return date
        }
        do {
            return try decoder.decode(type, from: data)
        } catch let error as RunDocumentError {
            throw error
        } catch let error as DecodingError {
            throw translate(error)
        }
    }

    /// A readable field path such as `scenarios[2].failure_mode`.
    static func path(_ codingPath: [CodingKey], _ last: CodingKey? = nil) -> String {
        let keys = codingPath + (last.map { [$0] } ?? [])
        return keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            .joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
    }

    private static func translate(_ error: DecodingError) -> Error {
        switch error {
        case let .keyNotFound(key, context):
            return RunDocumentError.malformedField(path(context.codingPath, key), reason: "missing")
        case let .typeMismatch(type, context):
            return RunDocumentError.malformedField(path(context.codingPath), reason: "expected \(type)")
        case let .valueNotFound(type, context):
            return RunDocumentError.malformedField(path(context.codingPath), reason: "expected \(type), found null")
        case let .dataCorrupted(context):
            if context.codingPath.isEmpty {
                return RunDocumentError.notJSON(reason: context.debugDescription)
            }
            return RunDocumentError.malformedField(path(context.codingPath), reason: context.debugDescription)
        @unknown default:
            return RunDocumentError.notJSON(reason: "\(error)")
        }
    }
}
