/// The identity a scenario runs as on the server.
public struct ScenarioAccount: Equatable, Sendable {
    /// The server's user id (the witness files requests under it).
    public var userID: String
    /// The account's email.
    public var email: String
    /// The slug of its private team.
    public var teamSlug: String
    /// The private team's id, where the server said (3.2.7 stamps it as envelopes' `team_slug`).
    public var teamID: String?

    /// Creates an account description.
    public init(userID: String, email: String, teamSlug: String, teamID: String? = nil) {
        self.teamID = teamID
        self.userID = userID
        self.email = email
        self.teamSlug = teamSlug
    }
}
