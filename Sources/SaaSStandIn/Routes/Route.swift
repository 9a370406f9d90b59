/// Every endpoint the stand-in serves.
enum Route: Equatable, Sendable {
    /// `HEAD` on any path: 200 with no body (the CLI probes reachability this way).
    case head
    /// `POST /oauth/device`: start a device authorization (approved at once).
    case oauthDevice
    /// `POST /oauth/token`: device-code and refresh-token grants.
    case oauthToken
    /// `POST /oauth/revoke`.
    case oauthRevoke
    /// `GET /api/v1/me`.
    case me
    /// `GET /api/v1/session-status`.
    case sessionStatus
    /// `POST /api/v1/ws-token`.
    case wsToken
    /// `GET /api/v1/sync/health`.
    case syncHealth
    /// `POST /api/v1/events/batch`.
    case eventsBatch
    /// `POST /api/dossier/push-content`.
    case dossierPushContent
    /// `GET /health`.
    case health
    /// `GET /health/ready`.
    case healthReady
    /// An endpoint under `/__standin__/`.
    case admin(AdminRoute)
    /// A known path with the wrong method.
    case methodNotAllowed(allowed: [String])
    /// Anything else.
    case notFound

    /// Whether requests to this route go into the request log (admin traffic does not:
    /// the log is the witness of what crossed the CLI boundary).
    var isLogged: Bool {
        if case .admin = self { return false }
        return true
    }

    /// The kind of send the send witness records for this route, or nil.
    var sendKind: StandInSend.Kind? {
        switch self {
        case .eventsBatch: .batch
        case .dossierPushContent: .push
        default: nil
        }
    }
}
