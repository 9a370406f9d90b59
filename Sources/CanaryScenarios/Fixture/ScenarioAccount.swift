/// The identity a scenario runs as on the server.
public struct ScenarioAccount: Equatable, Sendable {
    /// The server's user id (the witness files requests under it).
    public var userID: String
    /// The account's email.
    public var email: String
    /// The slug of its private team.
    public var teamSlug: String

    /// Creates an account description.
    public init(userID: String, email: String, teamSlug: String) {
        self.userID = userID
        self.email = email
        self.teamSlug = teamSlug
    }
}
