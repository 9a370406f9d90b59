import CanaryCore
import Foundation

/// The `/__standin__/` endpoints tests and the gate drive the stand-in with.
extension StandInService {
    func admin(_ route: AdminRoute, _ context: RequestContext) throws -> HTTPResponse {
        let query = context.request.query
        switch route {
        case .createAccount:
            guard let fields = Self.jsonObject(of: context.request) else { return .error(400, "body must be a JSON object") }
            let account = try store.createAccount(email: fields["email"]?.stringValue, name: fields["name"]?.stringValue)
            return .json(201, account)
        case .listAccounts:
            return .json(200, ["accounts": try store.accounts()])
        case .setLoginHint:
            guard let accountID = Self.jsonObject(of: context.request)?["account"]?.stringValue else {
                return .error(400, "body must be {\"account\": \"<user_id>\"}")
            }
            guard try store.account(userID: accountID) != nil else { return .error(404, "unknown account '\(accountID)'") }
            loginHint.set(accountID)
            return .json(200, ["account": accountID])
        case .clearLoginHint:
            loginHint.set(nil)
            return .json(200, ["account": String?.none])
        case .envelopes:
            return .json(200, ["envelopes": try store.envelopes(account: query["account"], project: query["project"], eventType: query["event_type"])])
        case .receipts:
            return .json(200, ["receipts": try store.receipts(account: query["account"], eventID: query["event_id"])])
        case .counts:
            return .json(200, try store.counts(account: query["account"]))
        case .requests:
            return .json(200, ["requests": try store.requestLog(account: query["account"])])
        case .injectFault:
            do {
                faults.add(try JSONCoding.decoder().decode(PendingFault.self, from: context.request.body))
            } catch {
                return .error(400, "bad fault: \(Self.describe(error))")
            }
            return .json(201, ["pending": faults.snapshot])
        case .listFaults:
            return .json(200, ["pending": faults.snapshot])
        case .resetFaults:
            faults.reset()
            return .json(200, ["pending": faults.snapshot])
        case .historicalDigest:
            return .json(200, try store.historicalDigest())
        case .dossierArtifacts:
            return .json(200, ["artifacts": try store.dossierArtifacts(account: query["account"])])
        case .sends:
            return .json(200, ["sends": try store.sends(account: query["account"])])
        case .issuedTokens:
            return .json(200, ["tokens": try store.issuedTokens()])
        case .switchTeam:
            guard let accountID = Self.jsonObject(of: context.request)?["account"]?.stringValue else {
                return .error(400, "body must be {\"account\": \"<user_id>\"}")
            }
            guard let account = try store.switchTeam(accountID: accountID) else { return .error(404, "unknown account '\(accountID)'") }
            return .json(200, account)
        case .teamspace:
            // A Teamspace belongs to one account: projecting everyone's envelopes together would
            // merge what the identity boundary keeps apart.
            guard let account = query["account"], !account.isEmpty else { return .error(400, "teamspace needs ?account=<user_id>") }
            let envelopes = try store.envelopes(account: account, project: nil, eventType: nil)
            return .json(200, TeamspaceProjection.project(envelopes, account: account))
        }
    }

    /// A decoding error in one readable line.
    private static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context), DecodingError.typeMismatch(_, let context),
             DecodingError.valueNotFound(_, let context):
            return context.debugDescription
        case DecodingError.keyNotFound(let key, _):
            return "missing '\(key.stringValue)'"
        default:
            return "\(error)"
        }
    }
}
