/// Maps a method and path to a `Route`. Pure; a trailing slash never matters.
enum Router {
    /// The prefix of every admin path.
    static let adminPrefix = "/__standin__"

    private static let table: [String: [String: Route]] = [
        "/oauth/device": ["POST": .oauthDevice],
        "/oauth/token": ["POST": .oauthToken],
        "/oauth/revoke": ["POST": .oauthRevoke],
        "/api/v1/me": ["GET": .me],
        "/api/v1/session-status": ["GET": .sessionStatus],
        "/api/v1/ws-token": ["POST": .wsToken],
        "/api/v1/sync/health": ["GET": .syncHealth],
        "/api/v1/events/batch": ["POST": .eventsBatch],
        "/api/dossier/push-content": ["POST": .dossierPushContent],
        "/health": ["GET": .health],
        "/health/ready": ["GET": .healthReady],
        adminPrefix + "/accounts": ["POST": .admin(.createAccount), "GET": .admin(.listAccounts)],
        adminPrefix + "/login-hint": ["POST": .admin(.setLoginHint), "DELETE": .admin(.clearLoginHint)],
        adminPrefix + "/envelopes": ["GET": .admin(.envelopes)],
        adminPrefix + "/envelopes/raw": ["GET": .admin(.envelopeText)],
        adminPrefix + "/receipts": ["GET": .admin(.receipts)],
        adminPrefix + "/counts": ["GET": .admin(.counts)],
        adminPrefix + "/requests": ["GET": .admin(.requests)],
        adminPrefix + "/faults": ["POST": .admin(.injectFault), "GET": .admin(.listFaults)],
        adminPrefix + "/faults/reset": ["POST": .admin(.resetFaults)],
        adminPrefix + "/historical-digest": ["GET": .admin(.historicalDigest)],
        adminPrefix + "/dossier-artifacts": ["GET": .admin(.dossierArtifacts)],
        adminPrefix + "/teamspace": ["GET": .admin(.teamspace)],
        adminPrefix + "/sends": ["GET": .admin(.sends)],
        adminPrefix + "/issued-tokens": ["GET": .admin(.issuedTokens)],
        adminPrefix + "/account-team": ["POST": .admin(.switchTeam)],
    ]

    /// The route for `method` on `path` (a path without its query).
    static func route(method: String, path: String) -> Route {
        if method == "HEAD" { return .head }
        guard let methods = table[normalized(path)] else { return .notFound }
        return methods[method] ?? .methodNotAllowed(allowed: methods.keys.sorted())
    }

    /// `path` without trailing slashes (`/` stays `/`).
    static func normalized(_ path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        return String(trimmed)
    }
}
