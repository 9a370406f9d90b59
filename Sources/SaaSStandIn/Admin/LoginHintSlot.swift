import CanaryCore

/// The account the NEXT device authorization approves; consumed by that authorization.
final class LoginHintSlot: @unchecked Sendable {
    private let lock = Lock()
    private var accountID: String?

    /// Names the account for the next `POST /oauth/device` (nil clears it).
    func set(_ accountID: String?) {
        lock.withLock { self.accountID = accountID }
    }

    /// Returns and clears the hint.
    func take() -> String? {
        lock.withLock {
            defer { accountID = nil }
            return accountID
        }
    }

    /// The hint without consuming it.
    var current: String? { lock.withLock { accountID } }
}
