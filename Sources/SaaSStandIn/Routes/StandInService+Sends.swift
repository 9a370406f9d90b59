import CanaryCore
import Foundation

/// The send witness: what one batch or push carried across the wire, whatever was answered.
extension StandInService {
    /// The record of one send; a body the handler never decoded (a fault, a 401) is decoded here, best effort.
    func send(_ kind: StandInSend.Kind, _ context: RequestContext, credential: String?, reply: HTTPReply) -> StandInSend {
        // A resolved account means a live token of this server; only a token that resolved to none
        // (unknown, revoked, of another server) is looked up, so accepted batches cost no extra query.
        let tokenOwner = context.account == nil ? credential.flatMap { try? store.accountID(owningToken: $0) } : nil
        let owner = context.account ?? tokenOwner.flatMap { try? store.account(userID: $0) }
        var eventIDs: [String] = []
        var teamSlugs: [String] = []
        var contentHash: String?
        switch kind {
        case .batch:
            let events = context.batchEvents
                ?? (try? BatchBody.decode(context.request, inflatedLimit: configuration.maxBodyBytes))?.events ?? []
            eventIDs = events.compactMap { $0["event_id"]?.stringValue }
            teamSlugs = events.map { $0["team_slug"]?.stringValue ?? "" }
        case .push:
            contentHash = Self.jsonObject(of: context.request)?["content_hash"]?.stringValue
        }
        let status = reply.status
        return StandInSend(kind: kind, account: context.account?.userID ?? tokenOwner, accountTeamID: owner?.team.id,
                           accountTeamSlug: owner?.team.slug, tokenFingerprint: credential.map(TokenFingerprint.of),
                           tokenKnown: credential != nil && (context.account != nil || tokenOwner != nil),
                           httpStatus: status, outcome: (200 ..< 300).contains(status) ? "accepted" : "refused",
                           reason: Self.refusalReason(reply), eventIDs: eventIDs, teamSlugs: teamSlugs,
                           contentHash: contentHash, receivedAt: Timestamp.iso8601())
    }

    /// The error text of a non-2xx answer (`error`, `error_description` or `detail`), or nil.
    static func refusalReason(_ reply: HTTPReply) -> String? {
        guard case .respond(let response) = reply else { return "connection closed without an answer" }
        guard !(200 ..< 300).contains(response.status) else { return nil }
        let body = try? JSONValue.parseWire(response.body)
        return body?["error_description"]?.stringValue ?? body?["error"]?.stringValue ?? body?["detail"]?.stringValue
            ?? "HTTP \(response.status)"
    }
}
