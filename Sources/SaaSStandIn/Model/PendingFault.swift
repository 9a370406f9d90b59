/// A fault waiting for one account's batch requests, with how many it still applies to.
/// JSON: the fault's own fields plus `account` and `remaining` (and `count` when injecting).
///
/// A fault is scoped to the account that asked for it: side-by-side scenarios
/// share one stand-in, and a fault that hit every account would fail a
/// scenario that never asked for it.
public struct PendingFault: Equatable, Sendable, Codable {
    /// The fault.
    public var fault: BatchFault
    /// The account (user id) whose batch requests it applies to.
    public var account: String
    /// How many more of that account's batch requests it applies to.
    public var remaining: Int

    /// Creates a pending fault.
    public init(fault: BatchFault, account: String, remaining: Int) {
        self.fault = fault
        self.account = account
        self.remaining = remaining
    }

    enum CodingKeys: String, CodingKey { case account, remaining, count }

    /// Decodes `{kind, ..., account, count}` (an injection) or `{kind, ..., account, remaining}` (a listing).
    public init(from decoder: Decoder) throws {
        fault = try BatchFault(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        account = try container.decode(String.self, forKey: .account)
        remaining = try container.decodeIfPresent(Int.self, forKey: .remaining)
            ?? container.decodeIfPresent(Int.self, forKey: .count) ?? 1
        guard remaining >= 1 else {
            throw DecodingError.dataCorruptedError(forKey: .count, in: container, debugDescription: "count must be at least 1")
        }
    }

    /// Encodes the fault's fields plus `account` and `remaining`.
    public func encode(to encoder: Encoder) throws {
        try fault.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(account, forKey: .account)
        try container.encode(remaining, forKey: .remaining)
    }
}
