/// A credential one server issued, presented to another.
public struct CredentialCrossing: Equatable, Sendable, CustomStringConvertible {
    /// The credential's fingerprint (never the credential).
    public var fingerprint: String
    /// The server that issued it, and its kind (`access`, `refresh`).
    public var issuer: String
    /// The kind of credential.
    public var kind: String
    /// The account it was issued to.
    public var issuedTo: String
    /// The server it was presented to.
    public var presentedTo: String
    /// The request that carried it (`POST /api/v1/events/batch/`).
    public var request: String
    /// The status that server answered.
    public var status: Int
    /// When.
    public var time: String

    /// Creates a crossing.
    public init(fingerprint: String, issuer: String, kind: String, issuedTo: String, presentedTo: String, request: String,
                status: Int, time: String) {
        self.fingerprint = fingerprint
        self.issuer = issuer
        self.kind = kind
        self.issuedTo = issuedTo
        self.presentedTo = presentedTo
        self.request = request
        self.status = status
        self.time = time
    }

    public var description: String {
        "\(issuer)'s \(kind) token \(fingerprint) (issued to \(issuedTo)) presented to \(presentedTo) with \(request) (answered \(status)) at \(time)"
    }
}
