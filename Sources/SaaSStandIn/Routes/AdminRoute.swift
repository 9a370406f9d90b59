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
    /// `GET envelopes?account=&project=&event_type=`.
    case envelopes
    /// `GET receipts?account=&event_id=`.
    case receipts
    /// `GET counts?account=`.
    case counts
    /// `GET requests?account=`.
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
    /// `GET sends?account=`: every batch and push as it crossed the wire, accepted or refused.
    case sends
    /// `GET issued-tokens`: the fingerprint of every token this server issued.
    case issuedTokens
    /// `POST account-team`: give an account a new private team (its earlier teams are kept as memberships).
    case switchTeam
    /// `GET teamspace?account=`: the account's Teamspace projected from its envelopes.
    case teamspace
}
