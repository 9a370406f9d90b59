/// The stand-in's own endpoints, under `/__standin__/`.
enum AdminRoute: Equatable, Sendable {
    /// `POST accounts`: create an account.
    case createAccount
    /// `GET accounts`: list accounts.
    case listAccounts
    /// `POST login-hint`: name the account the next device authorization approves.
    case setLoginHint
    /// `DELETE login-hint`: clear it.
    case clearLoginHint
    /// `GET envelopes?account=&project=&event_type=&after=&limit=`: accepted envelopes, each as the bytes that arrived.
    case envelopes
    /// `GET envelopes/raw?event_id=`: one accepted envelope's bytes, exactly as they arrived, as the whole body.
    case envelopeText
    /// `GET receipts?account=&event_id=&after=&limit=`.
    case receipts
    /// `GET counts?account=`.
    case counts
    /// `GET requests?account=&after=&limit=`.
    case requests
    /// `POST faults`: queue a fault.
    case injectFault
    /// `GET faults`: list queued faults.
    case listFaults
    /// `POST faults/reset`: drop queued faults.
    case resetFaults
    /// `GET historical-digest`.
    case historicalDigest
    /// `GET dossier-artifacts?account=`.
    case dossierArtifacts
    /// `GET sends?account=&after=&limit=`: every batch and push as it crossed the wire, accepted or refused.
    case sends
    /// `GET issued-tokens`: the fingerprint of every token this server issued.
    case issuedTokens
    /// `POST account-team`: give an account a new private team (its earlier teams are kept as memberships).
    case switchTeam
    /// `GET teamspace?account=`: the account's Teamspace projected from its envelopes.
    case teamspace

    /// Whether the route answers without the admin secret.
    ///
    /// Only the historical digest does: a count and a hash of seeded rows,
    /// naming no account, envelope or token, which the protocol script and the
    /// gate's probe read the way they read a real server's operator endpoints.
    var isOpen: Bool { self == .historicalDigest }
}
