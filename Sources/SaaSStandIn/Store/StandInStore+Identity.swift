import CanaryCore
import Foundation

/// Accounts, device codes and tokens.
extension StandInStore {
    /// Tokens issued by a device-code or refresh grant.
    struct IssuedTokens: Equatable {
        var accessToken: String
        var refreshToken: String
        var sessionID: String
        var accountID: String
    }

    /// What redeeming a device code produced.
    enum Redemption: Equatable {
        case issued(IssuedTokens)
        case unknownCode
        case alreadyRedeemed
    }

    private static let accountColumns = "user_id, email, name, team_id, team_slug, team_name"

    private static func account(_ row: SQLiteRow) -> StandInAccount {
        StandInAccount(userID: row[0].text ?? "", email: row[1].text ?? "", name: row[2].text ?? "",
                       team: .init(id: row[3].text ?? "", slug: row[4].text ?? "", name: row[5].text ?? ""))
    }

    /// Creates an account with its private team; email and name default from its number.
    func createAccount(email: String?, name: String?) throws -> StandInAccount {
        try withDatabase { database in
            try database.transaction {
                let number = try database.scalar("SELECT COUNT(*) FROM accounts WHERE is_default = 0") + 1
                return try insertAccount(database, userID: "user-\(number)", email: email ?? "canary-user-\(number)@standin.invalid",
                                         name: name ?? "Canary User \(number)", teamKey: "user-\(number)", isDefault: false)
            }
        }
    }

    /// The account approved when no login hint is set, created on first use.
    func defaultAccount() throws -> StandInAccount {
        try withDatabase { database in
            try database.transaction {
                if let existing = try database.query("SELECT \(Self.accountColumns) FROM accounts WHERE is_default = 1", row: Self.account).first {
                    return existing
                }
                return try insertAccount(database, userID: "default-user", email: "default@standin.invalid",
                                         name: "Default Stand-in User", teamKey: "default", isDefault: true)
            }
        }
    }

    private func insertAccount(_ database: SQLiteDatabase, userID: String, email: String, name: String,
                               teamKey: String, isDefault: Bool) throws -> StandInAccount {
        let account = StandInAccount(userID: userID, email: email, name: name,
                                     team: .init(id: "team-\(teamKey)", slug: "private-\(teamKey)", name: "\(name) (Private Teamspace)"))
        try database.run("INSERT INTO accounts(\(Self.accountColumns), is_default, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                         [.text(account.userID), .text(account.email), .text(account.name), .text(account.team.id),
                          .text(account.team.slug), .text(account.team.name), .integer(isDefault ? 1 : 0), .text(Timestamp.iso8601())])
        return account
    }

    /// Gives `accountID` a new private team, keeping the current one as an earlier membership; nil for an unknown account.
    func switchTeam(accountID: String) throws -> StandInAccount? {
        try withDatabase { database in
            try database.transaction {
                guard let current = try database.query("SELECT \(Self.accountColumns) FROM accounts WHERE user_id = ?",
                                                       [.text(accountID)], row: Self.account).first else { return nil }
                let generation = try database.scalar("SELECT COUNT(*) FROM account_teams WHERE account_id = ?", [.text(accountID)]) + 2
                try database.run("INSERT INTO account_teams(account_id, team_id, team_slug, team_name, until) VALUES (?, ?, ?, ?, ?)",
                                 [.text(accountID), .text(current.team.id), .text(current.team.slug), .text(current.team.name),
                                  .text(Timestamp.iso8601())])
                var switched = current
                switched.team = .init(id: "\(current.team.id)-t\(generation)", slug: "\(current.team.slug)-t\(generation)",
                                      name: "\(current.name) (Private Teamspace \(generation))")
                try database.run("UPDATE accounts SET team_id = ?, team_slug = ?, team_name = ? WHERE user_id = ?",
                                 [.text(switched.team.id), .text(switched.team.slug), .text(switched.team.name), .text(accountID)])
                return switched
            }
        }
    }

    /// The teams `accountID` held before its current one, oldest first.
    func earlierTeams(accountID: String) throws -> [StandInAccount.Team] {
        try withDatabase {
            try $0.query("SELECT team_id, team_slug, team_name FROM account_teams WHERE account_id = ? ORDER BY seq", [.text(accountID)]) {
                StandInAccount.Team(id: $0[0].text ?? "", slug: $0[1].text ?? "", name: $0[2].text ?? "")
            }
        }
    }

    /// The account with `userID`, if any.
    func account(userID: String) throws -> StandInAccount? {
        try withDatabase { try $0.query("SELECT \(Self.accountColumns) FROM accounts WHERE user_id = ?", [.text(userID)], row: Self.account).first }
    }

    /// Every account, oldest first.
    func accounts() throws -> [StandInAccount] {
        try withDatabase { try $0.query("SELECT \(Self.accountColumns) FROM accounts ORDER BY rowid", row: Self.account) }
    }

    /// Records an already-approved device code for `accountID`.
    func createDeviceCode(for accountID: String) throws -> (deviceCode: String, userCode: String) {
        let deviceCode = RandomToken.make("dc_")
        let userCode = RandomToken.userCode()
        try withDatabase {
            try $0.run("INSERT INTO device_codes(device_code, user_code, account_id, created_at) VALUES (?, ?, ?, ?)",
                       [.text(deviceCode), .text(userCode), .text(accountID), .text(Timestamp.iso8601())])
        }
        return (deviceCode, userCode)
    }

    /// Exchanges a device code for tokens, once.
    func redeemDeviceCode(_ deviceCode: String) throws -> Redemption {
        try withDatabase { database in
            try database.transaction {
                let rows = try database.query("SELECT account_id, redeemed FROM device_codes WHERE device_code = ?", [.text(deviceCode)]) {
                    ($0[0].text ?? "", $0[1].integer ?? 0)
                }
                guard let (accountID, redeemed) = rows.first else { return .unknownCode }
                guard redeemed == 0 else { return .alreadyRedeemed }
                try database.run("UPDATE device_codes SET redeemed = 1 WHERE device_code = ?", [.text(deviceCode)])
                return .issued(try issueTokens(database, accountID: accountID, sessionID: RandomToken.make("sess_", bytes: 12)))
            }
        }
    }

    /// Rotates a live refresh token into a new pair in the same session; nil if unknown or revoked.
    func refresh(_ refreshToken: String) throws -> IssuedTokens? {
        try withDatabase { database in
            try database.transaction {
                let rows = try database.query(
                    "SELECT account_id, session_id FROM tokens WHERE token = ? AND kind = 'refresh' AND revoked = 0",
                    [.text(refreshToken)]) { ($0[0].text ?? "", $0[1].text ?? "") }
                guard let (accountID, sessionID) = rows.first else { return nil }
                // Rotation: the old refresh token dies; access tokens already issued stay valid until revoked.
                try database.run("UPDATE tokens SET revoked = 1 WHERE token = ?", [.text(refreshToken)])
                return try issueTokens(database, accountID: accountID, sessionID: sessionID)
            }
        }
    }

    /// Revokes `token` and, RFC 7009 §2.1, every token of its session.
    func revoke(_ token: String) throws {
        try withDatabase {
            try $0.run("UPDATE tokens SET revoked = 1 WHERE session_id IN (SELECT session_id FROM tokens WHERE token = ?)", [.text(token)])
        }
    }

    /// The account a token (of any kind, live or not) was issued to.
    func accountID(owningToken token: String) throws -> String? {
        try withDatabase { try $0.query("SELECT account_id FROM tokens WHERE token = ?", [.text(token)]) { $0[0].text }.first ?? nil }
    }

    /// The account and session behind a live access token.
    func session(forAccessToken token: String) throws -> (account: StandInAccount, sessionID: String)? {
        try withDatabase { database in
            try database.query("""
                SELECT a.user_id, a.email, a.name, a.team_id, a.team_slug, a.team_name, t.session_id
                FROM tokens t JOIN accounts a ON a.user_id = t.account_id
                WHERE t.token = ? AND t.kind = 'access' AND t.revoked = 0
                """, [.text(token)]) { (Self.account($0), $0[6].text ?? "") }.first
        }
    }

    private func issueTokens(_ database: SQLiteDatabase, accountID: String, sessionID: String) throws -> IssuedTokens {
        let tokens = IssuedTokens(accessToken: RandomToken.make("sk_at_"), refreshToken: RandomToken.make("sk_rt_"),
                                  sessionID: sessionID, accountID: accountID)
        let now = Timestamp.iso8601()
        for (token, kind) in [(tokens.accessToken, "access"), (tokens.refreshToken, "refresh")] {
            try database.run("INSERT INTO tokens(token, kind, account_id, session_id, issued_at) VALUES (?, ?, ?, ?, ?)",
                             [.text(token), .text(kind), .text(accountID), .text(sessionID), .text(now)])
        }
        return tokens
    }
}
