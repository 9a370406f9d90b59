import Foundation

/// A value stored in JSON as its text form and validated when it is read back (a version, a release line).
public protocol TextCodable: Codable, CustomStringConvertible {
    /// Parses the text form, throwing when it is not valid.
    init(_ text: String) throws
}

extension TextCodable {
    /// Decodes from the text form, reporting invalid text as corrupt data at its coding path.
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\(error)")
        }
    }

    /// Encodes as `description`, the text form.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
