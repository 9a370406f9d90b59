/// The `GET /api/v1/me` answer: the account and its one private teamspace.
struct MeResponse: Encodable {
    /// One entry of `teams`.
    struct Team: Encodable {
        var id: String
        var slug: String
        var name: String
        var role: String
        var isPrivateTeamspace: Bool

        enum CodingKeys: String, CodingKey {
            case id, slug, name, role, isPrivateTeamspace = "is_private_teamspace"
        }
    }

    var userID: String
    var email: String
    var name: String
    var teams: [Team]

    enum CodingKeys: String, CodingKey {
        case userID = "user_id", email, name, teams
    }

    /// The answer for `account`.
    init(_ account: StandInAccount) {
        userID = account.userID
        email = account.email
        name = account.name
        teams = [Team(id: account.team.id, slug: account.team.slug, name: account.team.name, role: "owner", isPrivateTeamspace: true)]
    }
}
