/// A fingerprint of the seeded historical rows, compared by the gate before and after runs.
public struct HistoricalDigest: Codable, Equatable, Sendable {
    /// How many historical rows exist.
    public var count: Int
    /// SHA-256 (hex) over the rows' canonical text, in id order.
    public var sha256: String
}
