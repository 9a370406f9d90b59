import CanaryCore
import Foundation

/// The send witness: every batch and push as it crossed the wire, and the credentials this server issued.
extension StandInStore {
    /// Appends one send.
    func recordSend(_ send: StandInSend) throws {
        let ids = JSONValue.array(send.eventIDs.map(JSONValue.string)).compactText
        let slugs = JSONValue.array(send.teamSlugs.map(JSONValue.string)).compactText
        try withDatabase {
            try $0.run("""
                INSERT INTO sends(kind, account_id, account_team_id, account_team_slug, token_fingerprint, token_known, http_status,
                                  outcome, reason, event_ids, team_slugs, content_hash, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [.text(send.kind.rawValue), .optional(send.account), .optional(send.accountTeamID), .optional(send.accountTeamSlug),
                      .optional(send.tokenFingerprint), .integer(send.tokenKnown ? 1 : 0), .integer(Int64(send.httpStatus)),
                      .text(send.outcome), .optional(send.reason), .text(ids), .text(slugs), .optional(send.contentHash),
                      .text(send.receivedAt)])
        }
    }

    /// Every send, oldest first, optionally for one account.
    func sends(account: String?, page request: WitnessPageRequest = .all) throws -> WitnessPage<StandInSend> {
        try page(request, of: "sends", columns: """
            kind, account_id, account_team_id, account_team_slug, token_fingerprint, token_known, http_status,
            outcome, reason, event_ids, team_slugs, content_hash, received_at, seq
            """, filter: [("account_id", account)], name: "sends") { row in
            func strings(_ text: String?) -> [String] {
                ((try? JSONValue.parseWire(Data((text ?? "[]").utf8)))?.arrayValue ?? []).map { $0.stringValue ?? "" }
            }
            return StandInSend(kind: StandInSend.Kind(rawValue: row[0].text ?? "") ?? .batch, account: row[1].text,
                               accountTeamID: row[2].text, accountTeamSlug: row[3].text, tokenFingerprint: row[4].text,
                               tokenKnown: row[5].integer == 1, httpStatus: Int(row[6].integer ?? 0), outcome: row[7].text ?? "",
                               reason: row[8].text, eventIDs: strings(row[9].text), teamSlugs: strings(row[10].text),
                               contentHash: row[11].text, receivedAt: row[12].text ?? "")
        }
    }

    /// Every token this server issued, by fingerprint, oldest first.
    func issuedTokens() throws -> [StandInIssuedToken] {
        try withDatabase {
            try $0.query("SELECT token, kind, account_id, issued_at FROM tokens ORDER BY rowid") {
                StandInIssuedToken(fingerprint: TokenFingerprint.of($0[0].text ?? ""), kind: $0[1].text ?? "",
                                   account: $0[2].text ?? "", issuedAt: $0[3].text ?? "")
            }
        }
    }
}
