/// The signed-in account's endpoints: who am I, is my session live, websocket token, sync health.
extension StandInService {
    func me(_ context: RequestContext) -> HTTPResponse {
        guard let account = context.account else { return Self.unauthorized }
        return .json(200, MeResponse(account, earlierTeams: (try? store.earlierTeams(accountID: account.userID)) ?? []))
    }

    func sessionStatus(_ context: RequestContext) -> HTTPResponse {
        guard let account = context.account else { return Self.unauthorized }
        return .json(200, SessionStatusResponse(active: true, sessionID: context.sessionID ?? "", userID: account.userID, email: account.email))
    }

    func wsToken(_ context: RequestContext) -> HTTPResponse {
        guard let account = context.account else { return Self.unauthorized }
        guard let teamID = Self.jsonObject(of: context.request)?["team_id"]?.stringValue, !teamID.isEmpty else {
            return .json(400, ["error": "invalid_request", "error_description": "team_id is required"])
        }
        // The identity boundary: a token may only open its own account's team.
        guard teamID == account.team.id || teamID == account.team.slug else {
            return .json(403, ["error": "not_a_team_member", "error_description": "not a member of team '\(teamID)'"])
        }
        let wsURL = baseURL.replacingOccurrences(of: "http://", with: "ws://") + "/ws/v1/sync/"
        return .json(200, WSTokenResponse(wsToken: RandomToken.make("ws_"), wsURL: wsURL, expiresIn: 300, sessionID: context.sessionID ?? ""))
    }

    func syncHealth(_ context: RequestContext) -> HTTPResponse {
        guard context.account != nil else { return Self.unauthorized }
        return .json(200, ["status": "ok"])
    }
}
