import CanaryCore

/// One request with the identity its bearer token resolved to.
struct RequestContext {
    /// The request.
    var request: HTTPRequest
    /// The account of a live access token, nil without one.
    var account: StandInAccount?
    /// The session of that token.
    var sessionID: String?
    /// A batch's envelopes, once the handler decoded them (the send witness decodes them itself otherwise).
    var batchEvents: [JSONValue]?

    /// The credential the request presents: its bearer token, else a refresh or revoked token in its body.
    var presentedCredential: String? {
        if let bearer = request.bearerToken { return bearer }
        guard request.method == "POST", ["/oauth/token", "/oauth/revoke"].contains(Router.normalized(request.path)) else { return nil }
        let fields = StandInService.fields(of: request)
        return [fields["refresh_token"], fields["token"]].compactMap { $0 }.first { !$0.isEmpty }
    }
}
