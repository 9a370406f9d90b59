/// The `POST /api/v1/ws-token` answer; the CLI requires all four fields.
struct WSTokenResponse: Encodable {
    var wsToken: String
    var wsURL: String
    var expiresIn: Int
    var sessionID: String

    enum CodingKeys: String, CodingKey {
        case wsToken = "ws_token", wsURL = "ws_url", expiresIn = "expires_in", sessionID = "session_id"
    }
}
