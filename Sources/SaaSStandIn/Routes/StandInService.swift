import CanaryCore
import Foundation

/// The application behind the sockets: routes each request, answers it, and writes
/// the witness (request log, envelopes) to the store.
final class StandInService: @unchecked Sendable {
    /// The server's configuration (profile, limits, reported versions).
    let configuration: StandInConfiguration
    /// All persistent state and the witness.
    let store: StandInStore
    /// Faults waiting for batch requests.
    let faults = PendingFaults()
    /// The account the next device authorization approves.
    let loginHint = LoginHintSlot()
    /// `http://127.0.0.1:PORT`, used in device-flow and websocket URLs.
    let baseURL: String
    /// When this server started, reported as `/health/`'s build timestamp.
    let startedAt = Timestamp.iso8601()
    /// Strict consumer mode's validator; nil when payloads are not validated.
    let payloadValidator: PayloadValidator?
    /// Whether the server is stopping, so an injected delay does not hold `stop()` up.
    let isStopping: @Sendable () -> Bool
    /// What the admin and witness API asks for.
    let adminSecret: String

    /// Creates the service over an open store.
    init(configuration: StandInConfiguration, store: StandInStore, baseURL: String, adminSecret: String,
         payloadValidator: PayloadValidator? = nil, isStopping: @escaping @Sendable () -> Bool) {
        self.configuration = configuration
        self.adminSecret = adminSecret
        self.store = store
        self.baseURL = baseURL
        self.payloadValidator = payloadValidator
        self.isStopping = isStopping
    }

    /// Sleeps `milliseconds`, waking early when the server stops.
    func pause(milliseconds: Int) {
        let end = Date(timeIntervalSinceNow: Double(milliseconds) / 1000)
        while !isStopping() {
            let remaining = end.timeIntervalSinceNow
            if remaining <= 0 { return }
            usleep(useconds_t(min(remaining, 0.02) * 1_000_000))
        }
    }

    /// Routes, answers and logs one request.
    func handle(_ request: HTTPRequest) -> HTTPReply {
        let route = Router.route(method: request.method, path: request.path)
        var context = RequestContext(request: request)
        if let token = request.bearerToken, let session = try? store.session(forAccessToken: token) {
            context.account = session.account
            context.sessionID = session.sessionID
        }
        let reply = answer(route, &context)
        if route.isLogged {
            let credential = context.presentedCredential
            try? store.logRequest(method: request.method, path: request.path, status: reply.status,
                                  accountID: context.account?.userID, tokenFingerprint: credential.map(TokenFingerprint.of))
            if let kind = route.sendKind { try? store.recordSend(send(kind, context, credential: credential, reply: reply)) }
        }
        return reply
    }

    /// Logs and answers a request the connection could not read.
    func handleUnreadable(status: Int, message: String) -> HTTPResponse {
        try? store.logRequest(method: "", path: "", status: status, accountID: nil)
        return .error(status, message)
    }

    /// Answers `route`; a handler may set `context.account` to attribute a token-less
    /// request (a device authorization or grant) to the account it concerned.
    private func answer(_ route: Route, _ context: inout RequestContext) -> HTTPReply {
        do {
            switch route {
            case .head: return .respond(HTTPResponse(status: 200))
            case .oauthDevice: return .respond(try deviceAuthorization(&context))
            case .oauthToken: return .respond(try token(&context))
            case .oauthRevoke: return .respond(try revoke(&context))
            case .me: return .respond(me(context))
            case .sessionStatus: return .respond(sessionStatus(context))
            case .wsToken: return .respond(wsToken(context))
            case .syncHealth: return .respond(syncHealth(context))
            case .eventsBatch: return try eventsBatch(&context)
            case .dossierPushContent: return .respond(try dossierPushContent(context))
            case .health: return .respond(health())
            case .healthReady: return .respond(readiness())
            case .admin(let adminRoute):
                guard adminRoute.isOpen || AdminSecret.matches(context.request.headers[AdminSecret.header], adminSecret) else {
                    return .respond(Self.adminSecretRequired)
                }
                return .respond(try admin(adminRoute, context))
            case .methodNotAllowed(let allowed):
                var response = HTTPResponse.error(405, "method \(context.request.method) not allowed")
                response.headers.set("Allow", allowed.joined(separator: ", "))
                return .respond(response)
            case .notFound:
                return .respond(.error(404, "not found: \(context.request.path)"))
            }
        } catch {
            return .respond(.error(500, "stand-in failure: \(error)"))
        }
    }

    /// The 401 every protected endpoint answers without a live token.
    static let unauthorized = HTTPResponse.json(401, [
        "error": "invalid_token",
        "error_description": "Authentication credentials were not provided or are not valid.",
    ])

    /// The 401 of an admin or witness call without this server's secret.
    static let adminSecretRequired = HTTPResponse.json(401, [
        "error": "admin_secret_required",
        "error_description": "the stand-in's admin and witness API needs its secret in the \(AdminSecret.header) header "
            + "(canary standin --secret-file, or StandInServer.adminSecret)",
    ])

    /// The fields of a form body, or of a flat JSON object body.
    static func fields(of request: HTTPRequest) -> [String: String] {
        if request.headers["Content-Type"]?.lowercased().hasPrefix("application/json") == true,
           let object = try? JSONValue.parseWire(request.body).objectDictionary {
            return object.compactMapValues(\.stringValue)
        }
        return FormURLEncoded.parse(String(decoding: request.body, as: UTF8.self))
    }

    /// The JSON object body, or nil when the body is not one.
    static func jsonObject(of request: HTTPRequest) -> [String: JSONValue]? {
        if request.body.isEmpty { return [:] }
        return (try? JSONValue.parseWire(request.body))?.objectDictionary
    }
}
