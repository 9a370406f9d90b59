/// The `POST /oauth/token` success answer.
struct TokenResponse: Encodable {
    var accessToken: String
    var tokenType: String
    var expiresIn: Int
    var refreshToken: String
    var refreshTokenExpiresIn: Int
    var refreshTokenExpiresAt: String
    var scope: String
    var sessionID: String

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token", tokenType = "token_type", expiresIn = "expires_in"
        case refreshToken = "refresh_token", refreshTokenExpiresIn = "refresh_token_expires_in"
        case refreshTokenExpiresAt = "refresh_token_expires_at", scope, sessionID = "session_id"
    }
}
