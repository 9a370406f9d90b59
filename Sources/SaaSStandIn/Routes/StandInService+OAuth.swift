import CanaryCore
import Foundation

/// RFC 8628 device flow (approved at once for the hinted account), refresh and revoke.
extension StandInService {
    /// Access tokens live an hour, refresh tokens 30 days (reported, not enforced).
    private static let accessLifetime = 3600
    private static let refreshLifetime = 30 * 24 * 3600

    func deviceAuthorization(_ context: inout RequestContext) throws -> HTTPResponse {
        let hinted = try loginHint.take().flatMap { try store.account(userID: $0) }
        let account = try hinted ?? store.defaultAccount()
        let (deviceCode, userCode) = try store.createDeviceCode(for: account.userID)
        context.account = account
        return .json(200, DeviceAuthorization(
            deviceCode: deviceCode, userCode: userCode, verificationURI: "\(baseURL)/device",
            verificationURIComplete: "\(baseURL)/device?user_code=\(userCode)", expiresIn: 900, interval: 1))
    }

    func token(_ context: inout RequestContext) throws -> HTTPResponse {
        let fields = Self.fields(of: context.request)
        switch fields["grant_type"] {
        case "urn:ietf:params:oauth:grant-type:device_code":
            guard let deviceCode = fields["device_code"], !deviceCode.isEmpty else {
                return .json(400, ["error": "invalid_request", "error_description": "device_code is required"])
            }
            switch try store.redeemDeviceCode(deviceCode) {
            case .issued(let tokens):
                context.account = try store.account(userID: tokens.accountID)
                return .json(200, Self.tokenResponse(tokens))
            case .unknownCode, .alreadyRedeemed: return .json(400, ["error": "expired_token"])
            }
        case "refresh_token":
            guard let refreshToken = fields["refresh_token"], let tokens = try store.refresh(refreshToken) else {
                return .json(400, ["error": "invalid_grant", "error_description": "refresh token is unknown, rotated or revoked"])
            }
            context.account = try store.account(userID: tokens.accountID)
            return .json(200, Self.tokenResponse(tokens))
        default:
            return .json(400, ["error": "unsupported_grant_type"])
        }
    }

    func revoke(_ context: inout RequestContext) throws -> HTTPResponse {
        // RFC 7009 §2.2: an unknown token is answered like a revoked one.
        if let token = Self.fields(of: context.request)["token"], !token.isEmpty {
            if let accountID = try store.accountID(owningToken: token) { context.account = try store.account(userID: accountID) }
            try store.revoke(token)
        }
        return .json(200, ["revoked": true])
    }

    private static func tokenResponse(_ tokens: StandInStore.IssuedTokens) -> TokenResponse {
        TokenResponse(accessToken: tokens.accessToken, tokenType: "Bearer", expiresIn: accessLifetime,
                      refreshToken: tokens.refreshToken, refreshTokenExpiresIn: refreshLifetime,
                      refreshTokenExpiresAt: Timestamp.iso8601(Date(timeIntervalSinceNow: TimeInterval(refreshLifetime))),
                      scope: "offline_access", sessionID: tokens.sessionID)
    }
}
