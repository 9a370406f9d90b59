import SaaSStandIn

/// One send as a server's witness kept it, with the server's label.
public struct WitnessedSend: Equatable, Sendable {
    /// The server's label in this scenario (`S1`, `S2`).
    public var server: String
    /// The send.
    public var send: StandInSend

    /// Creates a witnessed send.
    public init(server: String, send: StandInSend) {
        self.server = server
        self.send = send
    }

    /// Whom it went to.
    public var identity: SendIdentity {
        SendIdentity(server: server, account: send.account, team: send.accountTeamID)
    }
}
