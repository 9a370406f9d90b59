/// Tokens from a device-flow login done by `StandInClient.deviceLogin` (no CLI involved).
public struct StandInTokens: Codable, Equatable, Sendable {
    /// The bearer token.
    public var accessToken: String
    /// The refresh token.
    public var refreshToken: String
    /// The session id.
    public var sessionID: String

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token", refreshToken = "refresh_token", sessionID = "session_id"
    }
}
