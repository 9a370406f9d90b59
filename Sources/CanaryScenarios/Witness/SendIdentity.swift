/// Who a send went to: which server, under which account, for which team.
public struct SendIdentity: Hashable, Sendable, CustomStringConvertible {
    /// The server's label in this scenario (`S1`, `S2`).
    public var server: String
    /// The account the credential resolved to; nil when it resolved to none.
    public var account: String?
    /// That account's private team id when the send arrived.
    public var team: String?

    /// Creates an identity.
    public init(server: String, account: String?, team: String?) {
        self.server = server
        self.account = account
        self.team = team
    }

    public var description: String {
        "\(server) account \(account ?? "none (credential unknown there)") team \(team ?? "none")"
    }
}
