/// The `GET /api/v1/session-status` answer (the CLI reads `session_id`).
struct SessionStatusResponse: Encodable {
    var active: Bool
    var sessionID: String
    var userID: String
    var email: String

    enum CodingKeys: String, CodingKey {
        case active, sessionID = "session_id", userID = "user_id", email
    }
}
