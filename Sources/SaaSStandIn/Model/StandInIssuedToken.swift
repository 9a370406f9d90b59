/// A credential this stand-in issued, by fingerprint only: what another server's witness is compared with.
public struct StandInIssuedToken: Codable, Equatable, Sendable {
    /// The token's fingerprint (see `TokenFingerprint`).
    public var fingerprint: String
    /// `access` or `refresh`.
    public var kind: String
    /// The account it was issued to.
    public var account: String
    /// When it was issued (ISO-8601, UTC).
    public var issuedAt: String

    /// Creates a record.
    public init(fingerprint: String, kind: String, account: String, issuedAt: String) {
        self.fingerprint = fingerprint
        self.kind = kind
        self.account = account
        self.issuedAt = issuedAt
    }

    enum CodingKeys: String, CodingKey {
        case fingerprint, kind, account, issuedAt = "issued_at"
    }
}
