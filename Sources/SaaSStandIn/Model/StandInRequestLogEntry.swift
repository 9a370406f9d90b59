/// One request as the stand-in saw it.
public struct StandInRequestLogEntry: Codable, Equatable, Sendable {
    /// The method (empty when the request line could not be read).
    public var method: String
    /// The path without its query (empty when the request line could not be read).
    public var path: String
    /// The status answered; 0 when the connection was closed without an answer.
    public var status: Int
    /// The account id of the bearer token, or nil (no token, unknown token, not read).
    public var account: String?
    /// When the answer was decided (ISO-8601, UTC).
    public var time: String
    /// The fingerprint of the credential presented (bearer token, or a refresh or revoked token in the body), known or not.
    public var tokenFingerprint: String?

    /// Creates an entry.
    public init(method: String, path: String, status: Int, account: String?, time: String, tokenFingerprint: String? = nil) {
        self.method = method
        self.path = path
        self.status = status
        self.account = account
        self.time = time
        self.tokenFingerprint = tokenFingerprint
    }

    /// Encodes every field, `account` as null when absent (the shape never changes).
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(method, forKey: .method)
        try container.encode(path, forKey: .path)
        try container.encode(status, forKey: .status)
        try container.encode(account, forKey: .account)
        try container.encode(time, forKey: .time)
        try container.encode(tokenFingerprint, forKey: .tokenFingerprint)
    }

    enum CodingKeys: String, CodingKey { case method, path, status, account, time, tokenFingerprint = "token_fingerprint" }
}
