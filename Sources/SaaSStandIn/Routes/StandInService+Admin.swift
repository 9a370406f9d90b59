import CanaryCore
import Foundation

/// The `/__standin__/` endpoints tests and the gate drive the stand-in with.
extension StandInService {
    func admin(_ route: AdminRoute, _ context: RequestContext) throws -> HTTPResponse {
        do {
            return try answerAdmin(route, context)
        } catch let failure as WitnessPageRequest.Failure {
            return .error(400, failure.message)
        }
    }

    private func answerAdmin(_ route: AdminRoute, _ context: RequestContext) throws -> HTTPResponse {
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
            let page = try store.storedEnvelopes(account: query["account"], project: query["project"], eventType: query["event_type"],
                                                 page: WitnessPageRequest(query: query))
            // The stored text goes out as it arrived: no re-encoding to round a number or fail on depth.
            return HTTPResponse(status: 200, headers: HTTPHeaders([("Content-Type", "application/json")]), body: StoredEnvelope.pageJSON(page))
        case .envelopeText:
            guard let eventID = query["event_id"], !eventID.isEmpty else { return .error(400, "envelopes/raw needs ?event_id=<id>") }
            guard let text = try store.envelopeText(eventID: eventID) else { return .error(404, "no accepted envelope '\(eventID)'") }
            return HTTPResponse(status: 200, headers: HTTPHeaders([("Content-Type", "application/json")]), body: Data(text.utf8))
        case .receipts:
            return .json(200, try store.receipts(account: query["account"], eventID: query["event_id"], page: WitnessPageRequest(query: query)))
        case .counts:
            return .json(200, try store.counts(account: query["account"]))
        case .requests:
            return .json(200, try store.requestLog(account: query["account"], page: WitnessPageRequest(query: query)))
        case .injectFault:
            let fault: PendingFault
            do {
                fault = try JSONCoding.decoder().decode(PendingFault.self, from: context.request.body)
            } catch {
                return .error(400, "bad fault: \(Self.describe(error)) (a fault names the account it applies to: {\"kind\": ..., \"account\": \"<user_id>\"})")
            }
            guard try store.account(userID: fault.account) != nil else { return .error(404, "unknown account '\(fault.account)'") }
            faults.add(fault)
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
            return .json(200, try store.sends(account: query["account"], page: WitnessPageRequest(query: query)))
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
