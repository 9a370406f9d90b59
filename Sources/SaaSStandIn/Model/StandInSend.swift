/// One batch or dossier push as it crossed the wire, whatever the answer: the witness of "sent".
///
/// A refused batch still crossed the identity boundary, so the witness keeps
/// the event ids and the credential of every send, accepted or refused (fault,
/// validation, authentication), beside the envelopes it accepted.
public struct StandInSend: Codable, Equatable, Sendable {
    /// What was sent.
    public enum Kind: String, Codable, Sendable {
        /// `POST /api/v1/events/batch/`.
        case batch
        /// `POST /api/dossier/push-content/`.
        case push
    }

    /// What was sent.
    public var kind: Kind
    /// The account the bearer token resolved to; nil when it resolved to none.
    public var account: String?
    /// That account's private team id when the send arrived (what 3.2.7 stamps as an envelope's `team_slug`).
    public var accountTeamID: String?
    /// That account's private team slug when the send arrived.
    public var accountTeamSlug: String?
    /// The fingerprint of the bearer token presented (see `TokenFingerprint`), known or not.
    public var tokenFingerprint: String?
    /// Whether this server ever issued that token (live or not).
    public var tokenKnown: Bool
    /// The status answered; 0 when the connection was dropped.
    public var httpStatus: Int
    /// `accepted` (2xx) or `refused`.
    public var outcome: String
    /// Why it was refused (the answer's error text), or nil.
    public var reason: String?
    /// The event ids of the batch (empty for a push or an unreadable body).
    public var eventIDs: [String]
    /// The `team_slug` of each envelope, in order (`""` where absent).
    public var teamSlugs: [String]
    /// A push's `content_hash`, or nil.
    public var contentHash: String?
    /// When it arrived (ISO-8601, UTC).
    public var receivedAt: String

    /// Creates a send record.
    public init(kind: Kind, account: String?, accountTeamID: String?, accountTeamSlug: String?, tokenFingerprint: String?,
                tokenKnown: Bool, httpStatus: Int, outcome: String, reason: String?, eventIDs: [String], teamSlugs: [String],
                contentHash: String?, receivedAt: String) {
        self.kind = kind
        self.account = account
        self.accountTeamID = accountTeamID
        self.accountTeamSlug = accountTeamSlug
        self.tokenFingerprint = tokenFingerprint
        self.tokenKnown = tokenKnown
        self.httpStatus = httpStatus
        self.outcome = outcome
        self.reason = reason
        self.eventIDs = eventIDs
        self.teamSlugs = teamSlugs
        self.contentHash = contentHash
        self.receivedAt = receivedAt
    }

    /// Envelope team stamps naming neither the receiving account's team id nor its slug (unstamped envelopes aside).
    public var foreignTeamStamps: Set<String> {
        guard accountTeamID != nil || accountTeamSlug != nil else { return [] }
        return Set(teamSlugs.filter { !$0.isEmpty && $0 != accountTeamID && $0 != accountTeamSlug })
    }

    enum CodingKeys: String, CodingKey {
        case kind, account, accountTeamID = "account_team_id", accountTeamSlug = "account_team_slug", tokenFingerprint = "token_fingerprint"
        case tokenKnown = "token_known", httpStatus = "http_status", outcome, reason, eventIDs = "event_ids"
        case teamSlugs = "team_slugs", contentHash = "content_hash", receivedAt = "received_at"
    }

    /// Encodes every field, absent ones as null (the shape never changes).
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(account, forKey: .account)
        try container.encode(accountTeamID, forKey: .accountTeamID)
        try container.encode(accountTeamSlug, forKey: .accountTeamSlug)
        try container.encode(tokenFingerprint, forKey: .tokenFingerprint)
        try container.encode(tokenKnown, forKey: .tokenKnown)
        try container.encode(httpStatus, forKey: .httpStatus)
        try container.encode(outcome, forKey: .outcome)
        try container.encode(reason, forKey: .reason)
        try container.encode(eventIDs, forKey: .eventIDs)
        try container.encode(teamSlugs, forKey: .teamSlugs)
        try container.encode(contentHash, forKey: .contentHash)
        try container.encode(receivedAt, forKey: .receivedAt)
    }
}
