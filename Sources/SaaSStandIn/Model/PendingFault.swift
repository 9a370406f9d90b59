/// A fault waiting for batch requests, with how many it still applies to.
/// JSON: the fault's own fields plus `remaining` (and `count` when injecting).
public struct PendingFault: Equatable, Sendable, Codable {
    /// The fault.
    public var fault: BatchFault
    /// How many more batch requests it applies to.
    public var remaining: Int

    /// Creates a pending fault.
    public init(fault: BatchFault, remaining: Int) {
        self.fault = fault
        self.remaining = remaining
    }

    enum CodingKeys: String, CodingKey { case remaining, count }

    /// Decodes `{kind, ..., count}` (an injection) or `{kind, ..., remaining}` (a listing).
    public init(from decoder: Decoder) throws {
        fault = try BatchFault(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        remaining = try container.decodeIfPresent(Int.self, forKey: .remaining)
            ?? container.decodeIfPresent(Int.self, forKey: .count) ?? 1
        guard remaining >= 1 else {
            throw DecodingError.dataCorruptedError(forKey: .count, in: container, debugDescription: "count must be at least 1")
        }
    }

    /// Encodes the fault's fields plus `remaining`.
    public func encode(to encoder: Encoder) throws {
        try fault.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(remaining, forKey: .remaining)
    }
}
