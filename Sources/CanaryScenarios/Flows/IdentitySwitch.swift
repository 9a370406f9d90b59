/// An identity change the CLI allows between recording events and `sync now` (Scenario 2, arm B).
public enum IdentitySwitch: String, CaseIterable, Sendable {
    /// `auth logout`, then another account (another team) logs in.
    case account
    /// The CLI is pointed at another server; `sync now` before a new login, then `auth login --force` there.
    case server
    /// The same account, whose team changes on the server; `auth login --force` as that account.
    case team
}
