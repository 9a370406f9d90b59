/// One request with the identity its bearer token resolved to.
struct RequestContext {
    /// The request.
    var request: HTTPRequest
    /// The account of a live access token, nil without one.
    var account: StandInAccount?
    /// The session of that token.
    var sessionID: String?
}
