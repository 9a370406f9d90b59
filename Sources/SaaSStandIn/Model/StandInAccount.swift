/// An identity on the stand-in: one user with exactly one private teamspace.
public struct StandInAccount: Codable, Equatable, Sendable {
    /// The private teamspace an account owns.
    public struct Team: Codable, Equatable, Sendable {
        /// The team id (the CLI's `team_id`).
        public var id: String
        /// The team slug (the CLI's `team_slug`).
        public var slug: String
        /// The display name.
        public var name: String
    }

    /// The account id; every token, request and envelope is attributed to it.
    public var userID: String
    /// The login email (the CLI shows it as the session's user).
    public var email: String
    /// The display name.
    public var name: String
    /// The account's one private teamspace.
    public var team: Team

    enum CodingKeys: String, CodingKey {
        case userID = "user_id", email, name, team
    }
}
