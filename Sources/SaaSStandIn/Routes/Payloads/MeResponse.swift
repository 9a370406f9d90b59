/// The `GET /api/v1/me` answer: the account, its private teamspace and any teams it held before.
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

    /// The answer for `account`: its private teamspace first, then the teams it held before as plain memberships.
    init(_ account: StandInAccount, earlierTeams: [StandInAccount.Team] = []) {
        userID = account.userID
        email = account.email
        name = account.name
        teams = [Team(id: account.team.id, slug: account.team.slug, name: account.team.name, role: "owner", isPrivateTeamspace: true)]
            + earlierTeams.map { Team(id: $0.id, slug: $0.slug, name: $0.name, role: "member", isPrivateTeamspace: false) }
    }
}
